"""Only the event's organisers and editors see who is registered; they export, check in and count."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import reverse

from events import services
from events.models import Registration
from tests.conftest import with_totp

from .conftest import people
from .factories import EventPageFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status

SECRET_NOTE = "Notendieet-allergie"


@pytest.fixture
def busy_event(index, organiser):
    event = EventPageFactory(
        title="Netwerkbijeenkomst", capacity=2, organisers=[organiser], tables=[("Noodhulp", 5), ("Privacy", 5)]
    )
    first, second = event.tables.order_by("sort_order")
    services.register(
        event,
        name="Fatima el Amrani",
        email="fatima@voorbeeld.nl",
        table=first,
        organisation_name="Moskee Al Fath",
        organisation_kind="informeel",
        note=SECRET_NOTE,
    )
    services.confirm(Registration.objects.get(email="fatima@voorbeeld.nl"))
    a, b = people(2)
    services.register(event, user=a, table=second)
    services.register(event, user=b, table=second)  # waiting list
    return event


def test_anonymous_visitor_is_sent_to_log_in(client, busy_event):
    for path in ("deelnemers/", "deelnemers/csv/"):
        response = client.get(busy_event.url + path)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize("path", ["deelnemers/", "deelnemers/csv/"])
def test_other_members_do_not_see_attendees(client, busy_event, other_member, path):
    client.force_login(other_member)
    response = client.get(busy_event.url + path)
    assert response.status_code == 404
    assert SECRET_NOTE not in response.content.decode()


def test_even_attendees_do_not_see_each_other(client, busy_event):
    attendee = Registration.objects.filter(user__isnull=False).first().user
    client.force_login(attendee)
    assert client.get(busy_event.url + "deelnemers/").status_code == 404
    assert "Fatima" not in client.get(busy_event.url).content.decode()


def test_organiser_sees_list_with_table_waiting_position_organisation_and_notes(client, busy_event, organiser):
    client.force_login(organiser)
    assert "Deelnemerslijst (voor organisatoren)" in client.get(busy_event.url).content.decode()
    html = client.get(busy_event.url + "deelnemers/").content.decode()
    assert "Fatima el Amrani" in html and SECRET_NOTE in html and "Moskee Al Fath (informeel)" in html
    assert "wachtlijst, plaats 1" in html
    assert "Noodhulp" in html and "Privacy" in html


def test_editor_sees_the_list(client, busy_event, editor):
    with_totp(editor)
    client.force_login(editor)
    assert SECRET_NOTE in client.get(busy_event.url + "deelnemers/").content.decode()


def test_superuser_sees_the_list(client, busy_event, superuser):
    with_totp(superuser)
    client.force_login(superuser)
    assert client.get(busy_event.url + "deelnemers/").status_code == 200


@pytest.mark.parametrize("path", ["deelnemers/", "deelnemers/csv/"])
@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_admin_users_without_two_factor_are_sent_to_set_it_up_first(client, busy_event, who, path, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(busy_event.url + path)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_activate_totp")
    assert parse_qs(location.query) == {"next": [f"{busy_event.url}deelnemers/"]}
    assert SECRET_NOTE not in response.content.decode() and "fatima" not in response.content.decode()


def test_admin_user_without_two_factor_cannot_check_people_in(client, busy_event, editor):
    registration = Registration.objects.get(email="fatima@voorbeeld.nl")
    client.force_login(editor)
    response = client.post(busy_event.url + f"deelnemers/{registration.pk}/aanwezig/", {"present": "1"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_organiser_without_admin_access_needs_no_two_factor(client, busy_event, organiser):
    assert not Authenticator.objects.filter(user=organiser).exists()
    client.force_login(organiser)
    assert SECRET_NOTE in client.get(busy_event.url + "deelnemers/csv/").content.decode("utf-8-sig")


def test_organiser_of_another_event_does_not_see_this_list(client, busy_event, index):
    someone = people(1, "organisator-elders")[0]
    EventPageFactory(organisers=[someone])
    client.force_login(someone)
    assert client.get(busy_event.url + "deelnemers/").status_code == 404


def test_csv_export_has_every_attendee_and_neutralises_formulas(client, busy_event, organiser):
    formula = services.register(
        busy_event, name='=HYPERLINK("x")', email="formule@voorbeeld.nl", table=busy_event.tables.first()
    )
    client.force_login(organiser)
    response = client.get(busy_event.url + "deelnemers/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Naam", "E-mailadres", "Organisatie", "Soort organisatie", "Dialoogtafel", "Status"]
    statuses = [row[5] for row in rows[1:]]
    assert statuses == ["aangemeld", "aangemeld", "op de wachtlijst", "wacht op bevestiging per e-mail"]
    assert rows[3][6] == "1"
    assert rows[4][0].startswith("'=")
    services.cancel(formula)
    again = client.get(busy_event.url + "deelnemers/csv/").content.decode("utf-8-sig")
    assert "HYPERLINK" not in again  # cancelled people are off the list


def test_check_in_on_the_day_and_counts(client, busy_event, organiser, other_member):
    registration = Registration.objects.get(email="fatima@voorbeeld.nl")
    url = busy_event.url + f"deelnemers/{registration.pk}/aanwezig/"
    client.force_login(other_member)
    assert client.post(url, {"present": "1"}).status_code == 404
    client.force_login(organiser)
    assert client.get(url).status_code == 405
    response = client.post(url, {"present": "1", "q": "fatima"})
    assert response.status_code == 302 and response["Location"].endswith(f"?q=fatima#aanmelding-{registration.pk}")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    counts = services.attendance_counts(busy_event)
    assert (counts["registered"], counts["attended"], counts["waiting"]) == (2, 1, 1)
    assert (counts["formal"], counts["informal"], counts["unknown_kind"]) == (0, 1, 1)
    assert [(t.topic, t.registered, t.attended, t.waiting) for t in counts["tables"]] == [
        ("Noodhulp", 1, 1, 0),
        ("Privacy", 1, 0, 1),
    ]
    html = client.get(busy_event.url + "deelnemers/?q=fatima").content.decode()
    assert "Aanwezig sinds" in html and "Aftekenen ongedaan maken" in html
    client.post(url, {"present": "0"})
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_waiting_list_people_cannot_be_checked_in(client, busy_event, organiser):
    waiting = Registration.objects.get(status=Status.WAITING)
    client.force_login(organiser)
    assert client.post(busy_event.url + f"deelnemers/{waiting.pk}/aanwezig/", {"present": "1"}).status_code == 404


def test_moderators_group_member_is_an_editor_too(client, busy_event):
    moderator = people(1, "moderator")[0]
    moderator.groups.add(Group.objects.get(name="Moderators"))
    with_totp(moderator)
    client.force_login(moderator)
    assert client.get(busy_event.url + "deelnemers/").status_code == 200
