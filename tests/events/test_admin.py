"""Editors create events in the Wagtail admin; publishing more seats promotes the waiting list."""

import pytest

from events import services
from events.models import EventPage, Registration
from tests.conftest import with_totp

from .conftest import people
from .factories import EventSeriesPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["eventpage", "eventseriespage"])
def test_editors_can_open_the_add_form(client, editor, index, model):
    with_totp(editor)
    client.force_login(editor)
    assert client.get(f"/admin/pages/add/events/{model}/{index.pk}/").status_code == 200


def form_data(**overrides):
    data = {
        "title": "Via de beheeromgeving",
        "slug": "via-de-beheeromgeving",
        "summary": "Gemaakt door een redacteur.",
        "start": "2031-03-04 19:00",
        "end": "2031-03-04 21:00",
        "format": "in_person",
        "venue_name": "Buurthuis",
        "capacity": "1",
        "reminder_hours": "48",
        "programme-count": "0",
        "tables-TOTAL_FORMS": "1",
        "tables-INITIAL_FORMS": "0",
        "tables-MIN_NUM_FORMS": "0",
        "tables-MAX_NUM_FORMS": "1000",
        "tables-0-topic": "Noodhulp",
        "tables-0-capacity": "1",
        "tables-0-ORDER": "1",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def test_editor_creates_an_event_with_a_table_and_more_seats_promote_the_waiting_list(client, superuser, index):
    with_totp(superuser)
    client.force_login(superuser)
    response = client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="via-de-beheeromgeving")
    table = event.tables.get()
    first, second = people(2)
    services.register(event, user=first, table=table)
    assert services.register(event, user=second, table=table).status == Registration.Status.WAITING

    response = client.post(
        f"/admin/pages/{event.pk}/edit/",
        form_data(
            **{"capacity": "2", "tables-INITIAL_FORMS": "1", "tables-0-id": str(table.pk), "tables-0-capacity": "2"}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(Registration.objects.values_list("status", flat=True)) == {Registration.Status.CONFIRMED}


def test_admin_refuses_an_end_before_the_start(client, superuser, index):
    with_totp(superuser)
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/events/eventpage/{index.pk}/",
        form_data(end="2031-03-04 18:00", **{"tables-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.content.decode()
    assert not EventPage.objects.exists()


def test_event_in_a_series_can_be_added_under_the_series(client, editor, index):
    series = EventSeriesPageFactory()
    with_totp(editor)
    client.force_login(editor)
    assert client.get(f"/admin/pages/add/events/eventpage/{series.pk}/").status_code == 200


def test_edit_page_links_editors_to_the_attendee_list(client, editor, event):
    with_totp(editor)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f'href="{event.url}deelnemers/"' in html
