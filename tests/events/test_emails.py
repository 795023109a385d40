"""What the registration emails say: which title, which times, and a calendar file in the right time zone."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import dateformat, timezone, translation
from icalendar import Calendar

from events import services
from events.models import Registration

from .conftest import people
from .factories import EventPageFactory, EventSeriesPageFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def series_with_members(index):
    series = EventSeriesPageFactory(title="Ontmoetingen over armoede")
    meetings = [
        EventPageFactory(parent=series, title=f"Ontmoeting {n}", start=in_days(days), capacity=1)
        for n, days in enumerate((2, 30, 60), start=1)
    ]
    first, second = people(2, "reeks")
    seated = services.register_for_series(series, user=first)
    waiting = services.register_for_series(series, user=second)
    assert {r.status for r in waiting} == {Status.WAITING}
    mail.outbox.clear()
    return series, meetings, seated, waiting


def only_message():
    (message,) = mail.outbox
    return message


def test_reminder_for_one_meeting_of_a_series_names_that_meeting(series_with_members):
    series, meetings, seated, _waiting = series_with_members
    services.send_reminders(now=meetings[0].start - datetime.timedelta(hours=1))
    message = only_message()
    assert message.subject.endswith("Herinnering: Ontmoeting 1")
    assert series.title not in message.subject
    assert meetings[0].full_url in message.body


def test_cancelling_one_meeting_of_a_series_names_it_and_the_promotion_too(series_with_members):
    series, meetings, seated, waiting = series_with_members
    services.cancel(seated[1])
    cancelled = next(m for m in mail.outbox if m.to == [seated[1].email])
    promoted = next(m for m in mail.outbox if m.to == [waiting[1].email])
    assert cancelled.subject.endswith("Afgemeld: Ontmoeting 2")
    assert 'U bent afgemeld voor "Ontmoeting 2"' in cancelled.body
    assert promoted.subject.endswith("u bent aangemeld voor Ontmoeting 2")
    assert 'U bent nu aangemeld voor "Ontmoeting 2"' in promoted.body
    assert not any(series.title in m.subject for m in mail.outbox)


def test_cancelling_the_whole_series_names_the_series(series_with_members):
    series, meetings, seated, waiting = series_with_members
    services.cancel(seated[0], whole_series=True)
    cancelled = next(m for m in mail.outbox if m.to == [seated[0].email])
    assert cancelled.subject.endswith(f"Afgemeld: {series.title}")
    assert f'U bent afgemeld voor de reeks "{series.title}"' in cancelled.body
    # Each promoted person hears about their own meeting.
    promoted = sorted(m.subject for m in mail.outbox if m.to == [waiting[0].email])
    assert [subject.rsplit(" ", 2)[-2:] for subject in promoted] == [
        ["Ontmoeting", "1"],
        ["Ontmoeting", "2"],
        ["Ontmoeting", "3"],
    ]


def test_series_confirmation_request_names_the_series(index):
    series = EventSeriesPageFactory(title="Ontmoetingen over armoede")
    EventPageFactory(parent=series, title="Ontmoeting 1", start=in_days(5))
    services.register_for_series(series, name="Joost", email="joost@voorbeeld.nl")
    assert only_message().subject.endswith("Bevestig uw aanmelding: Ontmoetingen over armoede")


def when_line(message):
    return next(line for line in message.body.splitlines() if line.startswith("Wanneer:"))


def nl_date(moment, format_string):
    with translation.override("nl"):
        return dateformat.format(timezone.localtime(moment), format_string)


def test_email_of_a_multi_day_event_shows_the_end_date(index, member):
    start = in_days(10, 19)
    event = EventPageFactory(title="Tweedaagse", start=start, end=start + datetime.timedelta(hours=17))
    services.register(event, user=member)
    line = when_line(only_message())
    assert line == f"Wanneer: {nl_date(start, 'l j F Y, H:i')} – {nl_date(event.end, 'l j F Y, H:i')}"


def test_email_of_a_one_day_event_shows_only_the_end_time(event, member):
    services.register(event, user=member)
    assert when_line(only_message()) == f"Wanneer: {nl_date(event.start, 'l j F Y, H:i')} – {nl_date(event.end, 'H:i')}"


def test_email_calendar_file_has_the_amsterdam_time_zone(index, member):
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    start = datetime.datetime(2027, 7, 14, 19, tzinfo=amsterdam)
    event = EventPageFactory(title="Zomeravond", start=start, end=start + datetime.timedelta(hours=2))
    services.register(event, user=member)
    ((_name, content, _mimetype),) = only_message().attachments
    calendar = Calendar.from_ical(content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert vevent.decoded("DTSTART").astimezone(datetime.UTC) == datetime.datetime(2027, 7, 14, 17, tzinfo=datetime.UTC)


def test_table_choice_says_one_seat_in_the_singular(client, table_event):
    first = table_event.tables.order_by("sort_order").first()
    services.register(table_event, user=people(1)[0], table=first)
    html = client.get(table_event.url + "aanmelden/").content.decode()
    assert "Noodhulp (1 plaats vrij)" in html
    assert "Privacy (2 plaatsen vrij)" in html
