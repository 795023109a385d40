"""One seat decision at a time per event: every change to who holds a seat happens inside a transaction that
first locks the event's row (SELECT ... FOR UPDATE), so concurrent registrations are serialised per event and
the capacity of the event and of each dialogue table can never be exceeded. SQLite has no row locks but
serialises all writers (its busy timeout, DATABASE_LOCK_TIMEOUT, bounds the wait there).

The wait for the lock is bounded too: after EVENTS_LOCK_TIMEOUT seconds the person hears that it is busy, as
pretix does, instead of waiting for as long as the queue in front of them takes."""

import functools

from django.conf import settings
from django.db import OperationalError, connection, transaction

from core.middleware import is_lock_timeout

from .errors import EventBusy


def seat_decision(func):
    """Run func in a transaction; when a lock cannot be had in time, raise EventBusy (everything undone)."""
    atomic = transaction.atomic(func)

    @functools.wraps(func)
    def run(*args, **kwargs):
        try:
            return atomic(*args, **kwargs)
        except EventBusy:
            raise
        except OperationalError as error:
            if is_lock_timeout(error):
                raise EventBusy(str(EventBusy.message)) from error
            raise

    return run


def lock_event(event):
    """The event's row, locked until the transaction ends. Caller runs inside seat_decision."""
    if connection.vendor == "postgresql":
        # For the rest of this transaction only; the connection's own (longer) lock_timeout stays for others.
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{settings.EVENTS_LOCK_TIMEOUT * 1000}ms"])
    # The page's own class, so that the services need no import of the page models (which import the views).
    return type(event).objects.select_for_update(of=("self",)).only("pk", "capacity", "start").get(pk=event.pk)
