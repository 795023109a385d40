"""The demo agenda that load_demo_content builds, and the privacy statement that describes its retention."""

import os

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from events.models import EventPage, EventSeriesPage, Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status

# Not the defaults (12 months, 24 hours, 13 months), so that the privacy statement can only be right if it reads the settings.
RETENTION_MONTHS = 18
CONFIRMATION_HOURS = 1
SEARCH_MONTHS = 7


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for this module, inside a transaction that is rolled back afterwards (it is slow)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with (
                override_settings(
                    EVENTS_PERSONAL_DATA_RETENTION_MONTHS=RETENTION_MONTHS,
                    EVENTS_CONFIRMATION_HOURS=CONFIRMATION_HOURS,
                    SEARCH_STATISTICS_RETENTION_MONTHS=SEARCH_MONTHS,
                ),
                open(os.devnull, "w") as devnull,
            ):
                call_command("load_demo_content", force=True, stdout=devnull)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def live_events():
    return EventPage.objects.live().select_related("municipality")


def test_network_meeting_has_four_dialogue_tables_with_people_at_them(client):
    meeting = live_events().get(slug="kennis-en-netwerkbijeenkomst-noodhulp-en-geloofsgemeenschappen")
    assert meeting.tables.count() == 4
    seated = Registration.objects.filter(event=meeting, status=Status.CONFIRMED)
    assert seated.filter(table__isnull=True).count() == 0
    assert seated.values("table").distinct().count() == 4
    html = client.get(meeting.url).content.decode()
    assert "Privacy (AVG) bij doorverwijzen" in html


def test_series_has_four_ontmoetingen_in_different_municipalities(client):
    series = EventSeriesPage.objects.live().get(slug="ontmoetingen-over-armoede")
    meetings = list(live_events().child_of(series).order_by("start"))
    assert len(meetings) == 4
    assert all(meeting.title.startswith("Ontmoeting") for meeting in meetings)
    assert len({meeting.municipality.name for meeting in meetings}) == 4
    # Registered for the whole series: one key shared by the meetings of each person.
    keys = Registration.objects.filter(event__in=meetings).values_list("series_key", flat=True)
    assert None not in keys and len(set(keys)) == 4
    assert client.get(series.url).status_code == 200


def test_online_session_with_registrations():
    online = live_events().get(format=EventPage.Format.ONLINE)
    assert online.online_url and not online.venue_name
    assert Registration.objects.filter(event=online, status=Status.CONFIRMED).exists()


def test_full_event_has_a_waiting_list(client):
    full = live_events().get(slug="werksessie-samenwerken-tegen-kinderarmoede")
    confirmed = Registration.objects.filter(event=full, status=Status.CONFIRMED).count()
    waiting = Registration.objects.filter(event=full, status=Status.WAITING).count()
    assert confirmed == full.capacity and waiting >= 1
    assert "wachtlijst" in client.get(full.url + "aanmelden/").content.decode()


def test_demo_members_are_registered_for_coming_and_past_events():
    now = timezone.now()
    member = Registration.objects.filter(user__email="lid@kennisplatform.example")
    assert member.filter(event__start__gt=now).exists() and member.filter(event__end__lt=now).exists()
    assert live_events().filter(start__gt=now).count() >= 4
    assert live_events().filter(end__lt=now).count() >= 2


def test_privacy_statement_states_the_configured_retention(client):
    html = client.get("/privacyverklaring/").content.decode()
    assert f"tot {RETENTION_MONTHS} maanden na de bijeenkomst" in html
    assert f"niet binnen {CONFIRMATION_HOURS} uur bevestigt" in html
    assert f"na {SEARCH_MONTHS} maanden gewist" in html
    assert "twaalf" not in html and "24 uur" not in html
