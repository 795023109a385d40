"""Counting seats: the one place that says how many seats are taken and free, for the event page, the
registration form and the seat decisions."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ..models.registrations import Registration
from ..models.tables import DialogueTable

Status = Registration.Status


def seat_counts(event):
    """Confirmed seats, waiting list length, and per table (id -> confirmed), in two queries."""
    rows = Registration.objects.filter(event=event, status__in=[Status.CONFIRMED, Status.WAITING])
    totals = rows.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)), waiting=Count("pk", filter=Q(status=Status.WAITING))
    )
    per_table = dict(
        rows.filter(status=Status.CONFIRMED, table__isnull=False)
        .values_list("table")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return totals["confirmed"], totals["waiting"], per_table


def _left(capacity, taken):
    return None if capacity is None else max(capacity - taken, 0)


def free_seats(event):
    """Seats left, or None when the event has no maximum."""
    return seat_summary(event, with_tables=False).free


@dataclass
class SeatSummary:
    """What the event page and the registration form show about seats."""

    free: int | None  # None: no maximum
    waiting: int
    tables: list = field(default_factory=list)  # the dialogue tables in order, each with .free

    @property
    def free_per_table(self):
        return {table.pk: table.free for table in self.tables}


def seat_summary(event, with_tables=True):
    """Free seats of the event and of each table, and the waiting list's length: three queries (two without
    tables). Works for a preview too, whose tables are an unsaved list in memory."""
    confirmed, waiting, per_table = seat_counts(event)
    tables = list(event.tables.all().order_by("sort_order", "pk")) if with_tables else []
    for table in tables:
        table.free = _left(table.capacity, per_table.get(table.pk, 0))
    return SeatSummary(free=_left(event.capacity, confirmed), waiting=waiting, tables=tables)


def has_room(event, table):
    """Is there a seat for one more, at the event and at the table? Caller holds the event's lock."""
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    if event.capacity is not None and confirmed.count() >= event.capacity:
        return False
    if table is not None and confirmed.filter(table=table).count() >= table.capacity:
        return False
    return True


def table_of(registration):
    return DialogueTable.objects.filter(pk=registration.table_id).first() if registration.table_id else None
