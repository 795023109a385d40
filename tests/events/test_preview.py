"""Editors preview events with organisers: the preview panel and old revisions."""

import pytest

from members.models import Profile
from tests.factories import UserFactory

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organised_event(index):
    organiser = UserFactory(first_name="Petra", last_name="Publiek")
    Profile.objects.create(user=organiser, visibility="public")
    return EventPageFactory(title="Netwerkbijeenkomst Almere", organisers=[organiser])


def test_an_old_revision_of_an_event_with_organisers_shows(editor_client, organised_event):
    revision = organised_event.latest_revision
    response = editor_client.get(f"/admin/pages/{organised_event.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert "Petra Publiek" in response.content.decode()


def test_the_preview_panel_shows_a_newly_chosen_organiser(editor_client, organised_event):
    newcomer = UserFactory(first_name="Nadia", last_name="Nieuw")
    Profile.objects.create(user=newcomer, visibility="public")
    revision = organised_event.latest_revision
    page = revision.as_object()
    page.organisers = [newcomer]
    page.title = "Netwerkbijeenkomst Almere (concept)"
    draft = page.save_revision()
    response = editor_client.get(f"/admin/pages/{organised_event.pk}/revisions/{draft.pk}/view/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nadia Nieuw" in html and "Petra Publiek" not in html
