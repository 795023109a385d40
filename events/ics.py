"""iCalendar (.ics) files for events, with the Europe/Amsterdam time zone spelled out (VTIMEZONE)."""

import zoneinfo
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from .models.calendar import sequence_of

PRODID = "-//Kennisplatform sociaal domein//Agenda//NL"
# UIDs never name the host: a calendar entry stays the same entry when the site's address changes.
UID_DOMAIN = "kennisplatform-sociaal-domein"


def event_uid(event):
    return f"bijeenkomst-{event.translation_key}@{UID_DOMAIN}"


def _location(event, for_attendee):
    parts = []
    if event.is_in_person:
        parts += [part for part in (event.venue_name, event.venue_address) if part]
    if event.is_online:
        parts.append(event.online_url if for_attendee and event.online_url else _("Online"))
    return ", ".join(parts)


def _organizer():
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = name or str(settings.WAGTAIL_SITE_NAME)
    return organizer


def _vevent(event, request=None, for_attendee=False, cancelled=False):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    url = event.get_full_url(request)
    item = Event()
    item.add("uid", event_uid(event))
    item.add("sequence", sequence_of(event))
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.start.astimezone(zone))
    item.add("dtend", event.end.astimezone(zone))
    item.add("summary", event.title)
    description = [event.summary] if event.summary else []
    if for_attendee and event.is_online and event.online_url:
        description.append(_("Online deelnemen: %(url)s") % {"url": event.online_url})
    if url:
        description.append(url)
        item.add("url", url)
    item.add("description", "\n\n".join(description))
    if location := _location(event, for_attendee):
        item.add("location", location)
    if event.last_published_at:
        item.add("last-modified", event.last_published_at)
    if for_attendee:
        # Calendar programs apply an update or a cancellation only from the entry's organizer.
        item.add("organizer", _organizer())
    if cancelled:
        item.add("status", "CANCELLED")
    return item


def calendar_bytes(events, name, request=None, for_attendee=False, cancelled=False):
    """The calendar file; `cancelled` makes it a METHOD:CANCEL that removes the events from a calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event, request, for_attendee, cancelled))
    calendar.add_missing_timezones()
    return calendar.to_ical()
