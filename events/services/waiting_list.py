"""The waiting list: who gets a seat and who waits, and promotion, in order, when seats come free."""

from django.utils import timezone

from core.pagecache import purge

from ..models.registrations import Registration
from ..models.tables import DialogueTable
from .locking import lock_event, seat_decision
from .notifications import send_after_commit
from .seats import has_room, seat_counts, table_of

Status = Registration.Status


def place(registration, locked_event, now):
    """Give a seat if there is one, otherwise a place at the end of the waiting list. Caller holds the lock."""
    if has_room(locked_event, table_of(registration)):
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.queued_at = None
    else:
        registration.status = Status.WAITING
        # The clock read under the lock, so the waiting list follows the order in which people got the lock.
        registration.queued_at = timezone.now()


def promote_locked(locked, now):
    """Promote from the waiting list, in order, while seats are free. Caller holds the lock.

    Nobody is promoted once the event has begun: a seat freed during or after the meeting is of no use."""
    if locked.has_started(now):
        return []
    capacities = dict(DialogueTable.objects.filter(event_id=locked.pk).values_list("pk", "capacity"))
    confirmed, _waiting, per_table = seat_counts(locked)
    promoted = []
    for candidate in Registration.objects.filter(event_id=locked.pk).waiting():
        if locked.capacity is not None and confirmed >= locked.capacity:
            break
        if candidate.table_id in capacities and per_table.get(candidate.table_id, 0) >= capacities[candidate.table_id]:
            continue  # their table is full; someone further down may fit at another table
        candidate.status = Status.CONFIRMED
        candidate.confirmed_at = now
        candidate.queued_at = None
        candidate.save(update_fields=["status", "confirmed_at", "queued_at"])
        confirmed += 1
        if candidate.table_id:
            per_table[candidate.table_id] = per_table.get(candidate.table_id, 0) + 1
        promoted.append(candidate)
    if promoted:
        send_after_commit([item.pk for item in promoted], "promoted", each=True)
    return promoted


@seat_decision
def promote_waiting_list(event, now=None):
    """Fill free seats from the waiting list; returns who got a seat. Safe to call any time."""
    return promote_locked(lock_event(event), now or timezone.now())


@seat_decision
def set_capacity(event, capacity, now=None):
    """Change the number of seats (None: no maximum) and promote whoever now fits."""
    locked = lock_event(event)
    type(locked).objects.filter(pk=event.pk).update(capacity=capacity)
    purge()  # update() sends no signal; the meeting's pages show its seats
    locked.capacity = event.capacity = capacity
    return promote_locked(locked, now or timezone.now())


def waiting_positions(event_ids):
    """Registration id -> place on its event's waiting list (1 is next), for the given events. One query."""
    positions, counters = {}, {}
    for pk, event_id in (
        Registration.objects.filter(event_id__in=event_ids, status=Status.WAITING)
        .order_by("event_id", "queued_at", "pk")
        .values_list("pk", "event_id")
    ):
        counters[event_id] = counters.get(event_id, 0) + 1
        positions[pk] = counters[event_id]
    return positions
