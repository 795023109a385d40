"""Personal data (AVG): a member's export and erasure, and erasing registrations' details after the retention
period (manage.py purge_personal_data, from cron)."""

from django.conf import settings
from django.db.models import Case, OuterRef, Subquery, When
from django.utils import timezone

from core.dates import months_before

from ..models.registrations import Registration
from .accounts import claim_guest_registrations, verified_addresses
from .cancellation import cancel
from .windows import confirmation_deadline

Status = Registration.Status


def personal_data(user):
    claim_guest_registrations(user)
    return [
        {
            "event": registration.event.title,
            "start": registration.event.start.isoformat(),
            "status": registration.get_status_display(),
            "name": registration.name,
            "email": registration.email,
            "table": registration.table.topic if registration.table else None,
            "organisation": registration.organisation_name,
            "note": registration.note,
            "registered": registration.created.isoformat(),
            "checked_in": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
        }
        for registration in Registration.objects.filter(user=user).select_related("event", "table").order_by("pk")
    ]


def erase_for_user(user, now=None):
    """Before an account is deleted: cancel coming registrations (freeing seats) and anonymise the rest."""
    now = now or timezone.now()
    claim_guest_registrations(user)
    for registration in Registration.objects.filter(user=user, event__start__gt=now).active().select_related("event"):
        cancel(registration, now=now, notify=False)
    _anonymise(Registration.objects.filter(user=user))
    # Unconfirmed requests with the person's address hold it too; they never took a seat.
    Registration.objects.filter(user__isnull=True, status=Status.PENDING, email__in=verified_addresses(user)).delete()


def _anonymise(queryset):
    """Erase who it was. The series key and the moments of registering and arriving would still link one person's
    rows across meetings, so the key goes and every moment becomes the event's start; the counts only need to
    know whether someone came (checked_in_at set), their status, table and kind of organisation."""
    # An update cannot follow the foreign key itself, so the start comes from a subquery on the same row.
    event_start = Subquery(Registration.objects.filter(pk=OuterRef("pk")).values("event__start")[:1])
    return queryset.update(
        name="",
        email="",
        note="",
        organisation_name="",
        user=None,
        organisation=None,
        anonymised=True,
        series_key=None,
        created=event_start,
        confirmed_at=None,
        queued_at=None,
        cancelled_at=None,
        reminder_sent_at=None,
        checked_in_at=Case(When(checked_in_at__isnull=False, then=event_start), default=None),
    )


def purge_personal_data(now=None):
    """Erase names, addresses and notes of registrations for events that ended longer ago than the retention
    period; the rows stay for the anonymous counts. Unconfirmed requests that expired are deleted.
    Returns (anonymised, deleted)."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS)
    anonymised = _anonymise(Registration.objects.filter(event__end__lt=cutoff, anonymised=False))
    deleted, _detail = Registration.objects.filter(
        status=Status.PENDING, created__lt=confirmation_deadline(now)
    ).delete()
    return anonymised, deleted
