"""Reminders before a meeting, sent once to everyone with a seat (manage.py send_event_reminders, from cron)."""

import datetime

from django.utils import timezone

from ..models.registrations import Registration
from .notifications import send_after_commit

Status = Registration.Status


def send_reminders(now=None):
    """Email confirmed attendees of events starting within each event's reminder time; never twice."""
    now = now or timezone.now()
    due = [
        pk
        for pk, start, hours in Registration.objects.filter(
            event__live=True, event__start__gt=now, event__reminder_hours__gt=0, status=Status.CONFIRMED
        )
        .values_list("event_id", "event__start", "event__reminder_hours")
        .order_by()
        .distinct()
        if start <= now + datetime.timedelta(hours=hours)
    ]
    sent = 0
    candidates = Registration.objects.filter(
        event_id__in=due, status=Status.CONFIRMED, reminder_sent_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        # Claiming the row first means a second run (or a parallel one) finds nothing to send.
        claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True, status=Status.CONFIRMED).update(
            reminder_sent_at=now
        )
        if claimed:
            send_after_commit([pk], "reminder")
            sent += 1
    return sent
