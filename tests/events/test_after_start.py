"""Once a meeting has begun, nobody cancels, confirms or is promoted any more; confirming respects the window."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import EventPage, Registration
from events.services import RegistrationError

from .conftest import people
from .factories import EventPageFactory, EventSeriesPageFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def begin(event, hours_ago=1):
    """Move the event so that it started hours_ago and is still going on."""
    start = timezone.now() - datetime.timedelta(hours=hours_ago)
    EventPage.objects.filter(pk=event.pk).update(start=start, end=start + datetime.timedelta(hours=3))
    event.refresh_from_db()
    return event


def full_event_with_waiting_list(event):
    registrations = [services.register(event, user=person) for person in people(4)]
    assert registrations[-1].status == Status.WAITING
    mail.outbox.clear()
    return registrations


def test_cancelling_after_the_start_is_refused_and_nobody_is_promoted(event):
    registrations = full_event_with_waiting_list(event)
    begin(event)
    with pytest.raises(RegistrationError, match="al begonnen; afmelden kan niet meer"):
        services.cancel(registrations[0])
    assert [r.status for r in Registration.objects.order_by("pk")] == [Status.CONFIRMED] * 3 + [Status.WAITING]
    assert mail.outbox == []


def test_cancel_page_explains_that_the_meeting_has_begun(client, event):
    registrations = full_event_with_waiting_list(event)
    begin(event)
    url = f"/aanmelding/afmelden/{services.cancel_token(registrations[0])}/"
    page = client.get(url).content.decode()
    assert "Deze bijeenkomst is al begonnen; afmelden kan niet meer." in page
    assert "Ja, meld mij af" not in page
    response = client.post(url)
    assert response.status_code == 400
    assert "al begonnen" in response.content.decode()
    registrations[0].refresh_from_db()
    assert registrations[0].status == Status.CONFIRMED
    assert mail.outbox == []


def test_event_page_offers_cancelling_only_before_the_start(client, event, member):
    services.register(event, user=member)
    client.force_login(member)
    assert ">Afmelden</a>" in client.get(event.url).content.decode()
    begin(event)
    html = client.get(event.url).content.decode()
    assert "U bent aangemeld." in html and ">Afmelden</a>" not in html


def test_more_seats_after_the_start_promote_nobody(event):
    registrations = full_event_with_waiting_list(event)
    begin(event)
    assert services.set_capacity(event, 10) == []
    registrations[-1].refresh_from_db()
    assert registrations[-1].status == Status.WAITING
    assert mail.outbox == []


def test_republishing_a_past_event_with_more_seats_promotes_nobody(event):
    registrations = full_event_with_waiting_list(event)
    begin(event, hours_ago=48)
    page = event.get_latest_revision_as_object()
    page.start, page.end, page.capacity = event.start, event.end, 10
    page.save_revision().publish()
    registrations[-1].refresh_from_db()
    assert registrations[-1].status == Status.WAITING
    assert not any("plaats vrij" in message.subject for message in mail.outbox)


def test_confirming_after_registration_closed_takes_no_seat(client, index):
    event = EventPageFactory(registration_closes=timezone.now() + datetime.timedelta(hours=1))
    registration = services.register(event, name="Joost", email="joost@voorbeeld.nl")
    EventPage.objects.filter(pk=event.pk).update(registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    mail.outbox.clear()
    response = client.post(f"/aanmelding/bevestigen/{services.confirm_token(registration)}/")
    assert "Het aanmelden voor deze bijeenkomst is gesloten." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    assert mail.outbox == []


def test_series_link_after_the_first_meeting_cancels_only_the_meetings_to_come(client, index, member):
    series = EventSeriesPageFactory(title="Ontmoetingen")
    meetings = [EventPageFactory(parent=series, start=in_days(days)) for days in (3, 30)]
    first, second = services.register_for_series(series, user=member)
    begin(meetings[0])
    mail.outbox.clear()
    url = f"/aanmelding/afmelden/{services.cancel_token(first)}/"
    page = client.get(url).content.decode()
    assert "U meldt zich af voor de bijeenkomsten van de reeks die nog komen." in page
    assert client.post(url).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.CANCELLED)
    assert len(mail.outbox) == 1


def test_series_confirmation_skips_meetings_whose_registration_closed(index):
    series = EventSeriesPageFactory()
    meetings = [EventPageFactory(parent=series, start=in_days(days)) for days in (3, 30)]
    registrations = services.register_for_series(series, name="Joost", email="joost@voorbeeld.nl")
    EventPage.objects.filter(pk=meetings[0].pk).update(
        registration_closes=timezone.now() - datetime.timedelta(minutes=1)
    )
    services.confirm(registrations[0])
    assert list(Registration.objects.order_by("event__start").values_list("status", flat=True)) == [
        Status.PENDING,
        Status.CONFIRMED,
    ]


def test_series_confirmation_when_every_meeting_closed_is_refused(index):
    series = EventSeriesPageFactory()
    meetings = [EventPageFactory(parent=series, start=in_days(days)) for days in (3, 30)]
    registrations = services.register_for_series(series, name="Anne", email="anne@voorbeeld.nl")
    EventPage.objects.filter(pk__in=[m.pk for m in meetings]).update(
        registration_closes=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(RegistrationError, match="gesloten"):
        services.confirm(registrations[0])
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.PENDING}
