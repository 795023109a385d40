"""Calendar files that stay right: stable UIDs on the public address, SEQUENCE on changes, cancellations,
a file for a whole series, and meetings that are over no longer offered."""

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from events import services
from events.models import Registration

from .factories import EventPageFactory, EventSeriesPageFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status
SITE = "https://kennisplatform.test"


def events_in(content):
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def attachment(message, method):
    (ics,) = [a for a in message.attachments if a[2].endswith(f"method={method}")]
    return events_in(ics[1])


def test_visitor_emails_link_to_the_public_address(client, event):
    services.register(event, name="Ans", email="ans@voorbeeld.nl")
    (message,) = mail.outbox
    links = [word for word in message.body.split() if "://" in word]
    assert links and all(link.startswith(SITE + "/") for link in links), links
    assert "localhost" not in message.body


def test_calendar_uid_does_not_name_the_host_and_survives_a_new_address(client, event, settings):
    _calendar, (first,) = events_in(client.get(event.url + "ical/").content)
    settings.SITE_URL = "https://kennis.gemeente.example"
    _calendar, (second,) = events_in(client.get(event.url + "ical/").content)
    assert str(first["uid"]) == str(second["uid"])
    assert "kennisplatform.test" not in str(first["uid"]) and "localhost" not in str(first["uid"])
    assert str(first["url"]).startswith(SITE + "/")
    assert str(second["url"]).startswith("https://kennis.gemeente.example/")


def test_sequence_rises_when_a_meeting_moves_and_attendees_get_the_update(event):
    seated = RegistrationFactory(event=event, email="zit@voorbeeld.nl")
    RegistrationFactory(event=event, email="weg@voorbeeld.nl", status=Status.CANCELLED)
    mail.outbox.clear()

    event.summary = "Een andere samenvatting"  # not what a calendar entry holds: nothing to send
    event.save_revision().publish()
    assert mail.outbox == []

    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.save_revision().publish()
    (message,) = mail.outbox
    assert message.to == [seated.email]
    assert message.subject.endswith(f"Gewijzigd: {event.title}")
    calendar, (vevent,) = attachment(message, "PUBLISH")
    assert vevent["sequence"] == 1
    assert vevent.decoded("dtstart") == event.start

    event.venue_name = "Wijkcentrum Oost"
    event.save_revision().publish()
    _calendar, (vevent,) = attachment(mail.outbox[-1], "PUBLISH")
    assert vevent["sequence"] == 2
    assert "Wijkcentrum Oost" in str(vevent["location"])


def test_a_cancelled_seat_gets_a_cancellation_for_the_calendar(event):
    registration = services.register(event, name="Bert", email="bert@voorbeeld.nl")
    services.confirm(registration)
    mail.outbox.clear()
    services.cancel(registration)
    (message,) = mail.outbox
    calendar, (vevent,) = attachment(message, "CANCEL")
    assert calendar["method"] == "CANCEL"
    assert vevent["status"] == "CANCELLED"
    _feed, (published,) = events_in(message_calendar_of(event))
    assert str(vevent["uid"]) == str(published["uid"])


def message_calendar_of(event):
    from events.ics import calendar_bytes

    return calendar_bytes([event], event.title)


def test_a_meeting_called_off_tells_everyone_with_a_seat_or_on_the_waiting_list(event):
    RegistrationFactory(event=event, email="zit@voorbeeld.nl")
    RegistrationFactory(event=event, email="wacht@voorbeeld.nl", status=Status.WAITING)
    RegistrationFactory(event=event, email="weg@voorbeeld.nl", status=Status.CANCELLED)
    mail.outbox.clear()
    event.unpublish()
    assert sorted(m.to[0] for m in mail.outbox) == ["wacht@voorbeeld.nl", "zit@voorbeeld.nl"]
    for message in mail.outbox:
        assert message.subject.endswith(f"Gaat niet door: {event.title}")
        calendar, (vevent,) = attachment(message, "CANCEL")
        assert vevent["status"] == "CANCELLED" and vevent["sequence"] == 1


def test_a_series_has_one_calendar_file_with_its_meetings_to_come(client, index):
    series = EventSeriesPageFactory(title="Ontmoetingen")
    EventPageFactory(parent=series, title="Voorbij", start=in_days(-20), end=in_days(-20, 21))
    EventPageFactory(parent=series, title="Eerste", start=in_days(5))
    EventPageFactory(parent=series, title="Tweede", start=in_days(35))
    html = client.get(series.url).content.decode()
    assert "Zet de hele reeks in mijn agenda (.ics)" in html
    response = client.get(series.url + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar, vevents = events_in(response.content)
    assert [str(v["summary"]) for v in vevents] == ["Eerste", "Tweede"]
    assert str(calendar["x-wr-calname"]) == "Ontmoetingen"


def test_a_meeting_that_is_over_offers_no_seats_no_calendar_and_says_it_is_over(client, index):
    event = EventPageFactory(
        title="Afgelopen", start=in_days(-3), end=in_days(-3, 21), capacity=21, tables=[("Noodhulp", 10)]
    )
    html = client.get(event.url).content.decode()
    assert "plaatsen vrij" not in html and "plaats vrij" not in html
    assert "al begonnen" not in html
    assert "Deze bijeenkomst is voorbij." in html
    assert "(.ics)" not in html


def test_a_series_lists_a_past_meeting_apart_from_the_upcoming_ones(client, index):
    series = EventSeriesPageFactory(title="Reeks met verleden")
    EventPageFactory(parent=series, title="Was vorige maand", start=in_days(-30), end=in_days(-30, 21))
    EventPageFactory(parent=series, title="Komt nog", start=in_days(30))
    response = client.get(series.url)
    html = response.content.decode()
    assert [e.title for e in response.context["upcoming_meetings"]] == ["Komt nog"]
    assert [e.title for e in response.context["past_meetings"]] == ["Was vorige maand"]
    assert html.index("Komt nog") < html.index("Eerdere bijeenkomsten") < html.index("Was vorige maand")


def test_the_place_is_not_named_twice(client, index):
    from core.taxonomy import Municipality

    oldenzaal = Municipality.objects.get(name="Oldenzaal")
    event = EventPageFactory(venue_name="Bibliotheek", venue_address="Markt 1, Oldenzaal", municipality=oldenzaal)
    html = client.get(event.url).content.decode()
    assert "Markt 1, Oldenzaal" in html and "Oldenzaal (Oldenzaal)" not in html
    elsewhere = EventPageFactory(venue_name="Buurthuis", venue_address="Dorpsstraat 1", municipality=oldenzaal)
    assert "Dorpsstraat 1 (Oldenzaal)" in client.get(elsewhere.url).content.decode()
