"""The member's page and organisation profiles show what happens in the agenda."""

import pytest

from events import services as events
from tests.events.factories import EventPageFactory
from tests.factories import UserFactory

from .conftest import make


@pytest.fixture(autouse=True)
def emails_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def test_account_page_lists_registrations_with_waiting_list_place(client, member, home):
    open_event = EventPageFactory(title="Dialoogtafels in Almere", capacity=5)
    full_event = EventPageFactory(title="Volle netwerkdag", capacity=1)
    events.register(open_event, user=member)
    events.register(full_event, user=UserFactory())
    events.register(full_event, user=member)
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "Mijn aanmeldingen" in html
    assert "Dialoogtafels in Almere" in html
    assert "Volle netwerkdag" in html and "Op de wachtlijst (plaats 1)" in html


def test_account_page_queries_stay_the_same_with_more_registrations(client, page_queries, member, home):
    client.force_login(member)

    def register_for(count):
        for _ in range(count):
            events.register(EventPageFactory(capacity=1), user=UserFactory())
            events.register(EventPageFactory(capacity=3), user=member)

    def queries():
        return page_queries("/account/")

    register_for(2)
    # The waiting list needs its positions: make one waiting registration exist in both runs.
    full = EventPageFactory(capacity=1)
    events.register(full, user=UserFactory())
    events.register(full, user=member)
    few = queries()
    register_for(4)
    assert queries() == few


def test_organisation_page_shows_its_events_but_not_drafts(client, home):
    ocan = make("Ocan Almere", municipality="Almere")
    EventPageFactory(title="Ontmoeting bij Ocan", organising_organisation=ocan)
    draft = EventPageFactory(title="Nog geheime bijeenkomst", organising_organisation=ocan)
    draft.unpublish()
    EventPageFactory(title="Bijeenkomst van een ander")
    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert "Ontmoeting bij Ocan" in html
    assert "Nog geheime bijeenkomst" not in html
    assert "Bijeenkomst van een ander" not in html


def test_account_menu_links_all_lead_somewhere(client, member):
    import re

    client.force_login(member)
    html = client.get("/account/").content.decode()
    menu = html.split('aria-label="Accountinstellingen"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'href="([^"]*)"', menu)
    assert "/account/aanmeldingen/" in links and "/account/" in links and "/account/profiel/" in links
    assert all(link.startswith("/account/") for link in links), links
