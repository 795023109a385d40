"""iCalendar (.ics) files for events, with the Europe/Amsterdam time zone spelled out (VTIMEZONE)."""

import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Kennisplatform sociaal domein//Agenda//NL"


def _location(event, for_attendee):
    parts = []
    if event.is_in_person:
        parts += [part for part in (event.venue_name, event.venue_address) if part]
    if event.is_online:
        parts.append(event.online_url if for_attendee and event.online_url else _("Online"))
    return ", ".join(parts)


def _vevent(event, request=None, for_attendee=False):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    url = event.get_full_url(request)
    item = Event()
    host = (url or "kennisplatform").split("//")[-1].split("/")[0]
    item.add("uid", f"bijeenkomst-{event.pk}@{host}")
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
    return item


def calendar_bytes(events, name, request=None, for_attendee=False):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event, request, for_attendee))
    calendar.add_missing_timezones()
    return calendar.to_ical()
