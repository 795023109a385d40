"""Keeping attendees' calendars right: a new SEQUENCE when a meeting changes, a cancellation when it is called off.

Published details are compared with what calendars last received (CalendarVersion); only a change
in when, where, how or what a meeting is raises the SEQUENCE and mails the attendees an update.
"""

from django.db import transaction
from django.utils import timezone

from ..models import CalendarVersion, Registration
from ..models.calendar import details_signature
from ..news import meeting_changed
from .notifications import send_after_commit


def _attendee_ids(event, statuses):
    return list(
        Registration.objects.filter(event=event, status__in=statuses).exclude(email="").values_list("pk", flat=True)
    )


def _bump(event, signature):
    """Raise the SEQUENCE (under a row lock, so two publications never issue the same number)."""
    version, created = CalendarVersion.objects.select_for_update().get_or_create(
        event=event, defaults={"signature": signature}
    )
    if created or version.signature == signature:
        return False
    version.sequence += 1
    version.signature = signature
    version.save(update_fields=["sequence", "signature"])
    return True


@transaction.atomic
def note_publication(event, now=None):
    """After a publication: if when, where or how changed, attendees with a seat get the updated entry."""
    changed = _bump(event, details_signature(event))
    if changed and not event.is_past(now or timezone.now()):
        send_after_commit(_attendee_ids(event, [Registration.Status.CONFIRMED]), "changed", each=True)
        sequence = CalendarVersion.objects.get(event=event).sequence
        transaction.on_commit(
            lambda: meeting_changed.send(sender=type(event), event=event, sequence=sequence), robust=True
        )
    return changed


@transaction.atomic
def call_off(event, now=None):
    """A meeting taken offline before it ends: everyone with a seat or on the waiting list hears it is off."""
    if event.is_past(now or timezone.now()):
        return
    version, _created = CalendarVersion.objects.select_for_update().get_or_create(
        event=event, defaults={"signature": details_signature(event)}
    )
    version.sequence += 1
    version.save(update_fields=["sequence"])
    statuses = [Registration.Status.CONFIRMED, Registration.Status.WAITING]
    send_after_commit(_attendee_ids(event, statuses), "called_off", each=True)
