"""When an organisation actually has walk-in: its weekly hours, minus closed days, replaced by changed hours
for a period, plus its turns at shared walk-ins. Everything on the site that says "open nu" or "komende 7
dagen" (the social map filter and markers, the profile, the cards, the finder) asks this module.

Times are wall-clock times in Europe/Amsterdam (settings.TIME_ZONE): a walk-in from 9:00 to 12:00 is 9:00
to 12:00 local time on both sides of a daylight-saving change.

The loaders take many organisations at once and use a fixed number of queries, whatever their number.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import (
    SharedWalkInTurn,
    WalkInChangedHours,
    WalkInClosure,
    WalkInHour,
    WalkInNotice,
)

DAYS_AHEAD = 7
# How far ahead a profile announces closures and changed hours.
ANNOUNCE_DAYS = 42


def zone():
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Occurrence:
    """One walk-in session: aware start and end, where (empty: the organisation's address)."""

    starts: datetime.datetime
    ends: datetime.datetime
    place: str = ""
    changed: bool = False  # from changed hours for a period
    shared_walk_in: object = None  # a SharedWalkIn when it is a turn there

    @property
    def date(self):
        return self.starts.date()

    def is_open_at(self, moment):
        return self.starts <= moment < self.ends


@dataclass
class Schedule:
    """Everything that decides one organisation's walk-in times."""

    weekly: list = field(default_factory=list)  # (weekday, starts, ends, place)
    closures: list = field(default_factory=list)  # WalkInClosure
    changes: list = field(default_factory=list)  # WalkInChangedHours with hours
    notices: list = field(default_factory=list)  # WalkInNotice
    turns: list = field(default_factory=list)  # SharedWalkInTurn with walk_in

    def closure_on(self, date):
        return next((closure for closure in self.closures if closure.starts <= date <= closure.ends), None)

    def change_on(self, date):
        return next((change for change in self.changes if change.starts <= date <= change.ends), None)

    def occurrences(self, start, end):
        """The walk-in sessions that overlap ``start``..``end`` (aware datetimes), in order."""
        tz = zone()
        first = timezone.localtime(start, tz).date() - datetime.timedelta(days=1)
        last = timezone.localtime(end, tz).date()
        found = []
        day = first
        while day <= last:
            found.extend(self._on(day, tz))
            day += datetime.timedelta(days=1)
        return sorted(
            (occurrence for occurrence in found if occurrence.ends > start and occurrence.starts < end),
            key=lambda occurrence: (occurrence.starts, occurrence.ends),
        )

    def _on(self, day, tz):
        sessions = []
        if self.closure_on(day) is None:
            change = self.change_on(day)
            if change is not None:
                hours = [(hour.starts, hour.ends, "") for hour in change.hours.all() if hour.weekday == day.weekday()]
            else:
                hours = [
                    (starts, ends, place) for weekday, starts, ends, place in self.weekly if weekday == day.weekday()
                ]
            sessions = [
                _occurrence(day, starts, ends, tz, place=place, changed=change is not None)
                for starts, ends, place in hours
            ]
        # A turn at a shared walk-in is the partnership's schedule: the organisation's own closures do not move it.
        sessions += [
            _occurrence(day, turn.starts, turn.ends, tz, place=turn.walk_in.name, shared_walk_in=turn.walk_in)
            for turn in self.turns
            if turn.falls_on(day)
        ]
        return sessions

    def is_open_at(self, moment):
        return any(
            occurrence.is_open_at(moment)
            for occurrence in self.occurrences(moment, moment + datetime.timedelta(seconds=1))
        )

    def notices_on(self, date):
        return [notice for notice in self.notices if notice.starts <= date <= notice.ends]


def _occurrence(day, starts, ends, tz, **kwargs):
    return Occurrence(
        starts=datetime.datetime.combine(day, starts, tzinfo=tz),
        ends=datetime.datetime.combine(day, ends, tzinfo=tz),
        **kwargs,
    )


def window_end(now):
    """The end of "de komende 7 dagen": midnight after the sixth day after today (local time)."""
    tz = zone()
    today = timezone.localtime(now, tz).date()
    return datetime.datetime.combine(today + datetime.timedelta(days=DAYS_AHEAD), datetime.time(), tzinfo=tz)


def load_schedules(organisation_ids, first, last):
    """{organisation id: Schedule} for the exceptions that touch ``first``..``last`` (dates). Six queries."""
    # A queryset stays a subquery: the social map asks about every public organisation at once.
    ids = organisation_ids if isinstance(organisation_ids, QuerySet) else list(organisation_ids)
    schedules = defaultdict(Schedule)
    if isinstance(ids, list) and not ids:
        return schedules
    for organisation_id, weekday, starts, ends, place in WalkInHour.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", "weekday", "starts", "ends", "place"
    ):
        schedules[organisation_id].weekly.append((weekday, starts, ends, place))
    for closure in WalkInClosure.objects.filter(organisation_id__in=ids).between(first, last):
        schedules[closure.organisation_id].closures.append(closure)
    for change in (
        WalkInChangedHours.objects.filter(organisation_id__in=ids).between(first, last).prefetch_related("hours")
    ):
        schedules[change.organisation_id].changes.append(change)
    for notice in WalkInNotice.objects.filter(organisation_id__in=ids).between(first, last):
        schedules[notice.organisation_id].notices.append(notice)
    for turn in SharedWalkInTurn.objects.filter(organisation_id__in=ids).select_related("walk_in"):
        schedules[turn.organisation_id].turns.append(turn)
    return schedules


def _dates(now, days=DAYS_AHEAD):
    today = timezone.localtime(now, zone()).date()
    return today - datetime.timedelta(days=1), today + datetime.timedelta(days=days)


def open_now_ids(organisation_ids, now=None):
    """Of ``organisation_ids``, the ones with walk-in at ``now``."""
    now = now or timezone.now()
    schedules = load_schedules(organisation_ids, *_dates(now, 1))
    return {pk for pk, schedule in schedules.items() if schedule.is_open_at(now)}


def open_next_7_days_ids(organisation_ids, now=None):
    """Of ``organisation_ids``, the ones with a walk-in between ``now`` and the end of the sixth day after today."""
    now = now or timezone.now()
    schedules = load_schedules(organisation_ids, *_dates(now))
    end = window_end(now)
    return {pk for pk, schedule in schedules.items() if schedule.occurrences(now, end)}


def is_open_now(organisation, now=None):
    now = now or timezone.now()
    return organisation.pk in open_now_ids([organisation.pk], now)


def next_7_days(organisation, now=None):
    """The organisation's walk-in sessions from ``now`` to the end of the sixth day after today."""
    now = now or timezone.now()
    return load_schedules([organisation.pk], *_dates(now))[organisation.pk].occurrences(now, window_end(now))


def occurrences(organisation, start, end):
    """The organisation's walk-in sessions overlapping ``start``..``end`` (aware datetimes)."""
    tz = zone()
    first = timezone.localtime(start, tz).date() - datetime.timedelta(days=1)
    last = timezone.localtime(end, tz).date()
    return load_schedules([organisation.pk], first, last)[organisation.pk].occurrences(start, end)


@dataclass
class WalkInSummary:
    """What a card or profile shows about an organisation's walk-in."""

    open_now: bool
    next_7_days: list
    notices: list
    closures: list  # closures from today on, within ANNOUNCE_DAYS
    changes: list  # changed hours from today on, within ANNOUNCE_DAYS
    today: datetime.date

    @property
    def days(self):
        """The next 7 days' sessions grouped by date: [(date, [occurrence, ...])]."""
        grouped = defaultdict(list)
        for occurrence in self.next_7_days:
            grouped[occurrence.date].append(occurrence)
        return sorted(grouped.items())


def attach(organisations, now=None):
    """Sets ``organisation.walk_ins`` (a WalkInSummary) on each of ``organisations``, in a fixed number of
    queries; returns the list."""
    organisations = list(organisations)
    now = now or timezone.now()
    tz = zone()
    today = timezone.localtime(now, tz).date()
    schedules = load_schedules(
        [organisation.pk for organisation in organisations],
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=ANNOUNCE_DAYS),
    )
    end = window_end(now)
    for organisation in organisations:
        schedule = schedules.get(organisation.pk) or Schedule()
        upcoming = schedule.occurrences(now, end)
        organisation.walk_ins = WalkInSummary(
            open_now=any(occurrence.is_open_at(now) for occurrence in upcoming),
            next_7_days=upcoming,
            notices=schedule.notices_on(today),
            closures=[closure for closure in schedule.closures if closure.ends >= today],
            changes=[change for change in schedule.changes if change.ends >= today],
            today=today,
        )
    return organisations


def hsds_schedule_exceptions(organisation, today=None):
    """The organisation's closures and changed hours from ``today`` on, as HSDS 3.0 schedule objects (for the
    HSDS API): a closure is a schedule with ``valid_from``/``valid_to`` and no opening times, changed hours are
    weekly schedules valid for their period. Uses the prefetched ``walk_in_closures`` and ``walk_in_changes``
    when the caller prefetched them."""
    today = today or timezone.localdate()
    byday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    found = []
    for closure in organisation.walk_in_closures.all():
        if closure.ends >= today:
            found.append(
                {
                    "id": f"closure-{closure.pk}",
                    "valid_from": closure.starts.isoformat(),
                    "valid_to": closure.ends.isoformat(),
                    "description": closure.reason or "gesloten",
                    "notes": "closed",
                    "timezone": settings.TIME_ZONE,
                }
            )
    for change in organisation.walk_in_changes.all():
        if change.ends >= today:
            found.extend(
                {
                    "id": f"changed-{change.pk}-{hour.pk}",
                    "valid_from": change.starts.isoformat(),
                    "valid_to": change.ends.isoformat(),
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": byday[hour.weekday],
                    "opens_at": hour.starts.strftime("%H:%M"),
                    "closes_at": hour.ends.strftime("%H:%M"),
                    "description": change.reason,
                    "timezone": settings.TIME_ZONE,
                }
                for hour in change.hours.all()
            )
    return found
