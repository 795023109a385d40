"""Cancelling a registration (or the rest of a series registration), which frees the seat for the waiting list."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.registrations import Registration
from .errors import RegistrationError
from .locking import lock_event, seat_decision
from .notifications import send_after_commit
from .registration import registered_together
from .waiting_list import promote_locked

Status = Registration.Status


def only_rest_of_series(registration, now=None):
    """True when the registration's own meeting has begun but later meetings of its series registration have not:
    then only those later meetings can still be cancelled."""
    now = now or timezone.now()
    if registration.series_key is None or not registration.event.has_started(now):
        return False
    return any(not item.event.has_started(now) for item in registered_together(registration))


def cancel_problem(registration, now=None):
    """None when the registration can still be cancelled, otherwise the reason in Dutch. Once a meeting has begun
    its seat is no use to anyone on the waiting list, so cancelling it changes nothing and is refused."""
    now = now or timezone.now()
    if registration.event.has_started(now) and not only_rest_of_series(registration, now):
        return _("Deze bijeenkomst is al begonnen; afmelden kan niet meer.")
    return None


@seat_decision
def cancel(registration, whole_series=False, now=None, notify=True):
    """Cancel a registration (and, if asked, the rest of its series); frees the seat for the waiting list.
    Meetings that have begun are left as they are."""
    now = now or timezone.now()
    if problem := cancel_problem(registration, now):
        raise RegistrationError(problem)
    whole_series = whole_series or only_rest_of_series(registration, now)
    items = registered_together(registration) if whole_series else [registration]
    cancelled = []
    for item in sorted(items, key=lambda r: r.event_id):
        if item.event.has_started(now):
            continue  # a meeting of the series that has begun stays as it was
        locked = lock_event(item.event)
        item.refresh_from_db(fields=["status"])
        if item.status not in Registration.ACTIVE:
            continue
        held_seat = item.status == Status.CONFIRMED
        item.was_pending = item.status == Status.PENDING
        item.status = Status.CANCELLED
        item.cancelled_at = now
        item.queued_at = None
        item.save(update_fields=["status", "cancelled_at", "queued_at"])
        cancelled.append(item)
        if held_seat:
            promote_locked(locked, now)
    if notify:
        # One message for everything cancelled together; an unconfirmed request needs none.
        send_after_commit([item.pk for item in cancelled if not item.was_pending], "cancelled")
    return cancelled
