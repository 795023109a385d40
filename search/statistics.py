"""Search statistics counted in memory and written in batches.

Every search used to update its day's row at once; under load many visitors search the same words, and their
updates queued on that one row. Now each process adds to a small in-memory tally and writes it with one
statement (INSERT ... ON CONFLICT DO UPDATE, the same SQL on PostgreSQL and SQLite) when
SEARCH_STATISTICS_FLUSH_SECONDS have passed, when the tally holds SEARCH_STATISTICS_MAX_PENDING queries, and when
the process exits. A crash loses at most those seconds of counts; the figures are a trend, not a ledger.
"""

import atexit
import logging
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.db import DatabaseError, connection

from .models import QueryStat

logger = logging.getLogger(__name__)


class Tally:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = defaultdict(lambda: [0, 0])
        self._since = time.monotonic()

    def add(self, day, query, empty):
        with self._lock:
            counts = self._counts[(day, query)]
            counts[0] += 1
            counts[1] += empty
            due = (
                time.monotonic() - self._since >= settings.SEARCH_STATISTICS_FLUSH_SECONDS
                or len(self._counts) >= settings.SEARCH_STATISTICS_MAX_PENDING
            )
        if due:
            self.flush()

    def pending(self):
        with self._lock:
            return {key: tuple(counts) for key, counts in self._counts.items()}

    def flush(self):
        """Write what was counted since the last flush; on a database error the counts stay for the next try."""
        with self._lock:
            counts, self._counts = self._counts, defaultdict(lambda: [0, 0])
            self._since = time.monotonic()
        if not counts:
            return 0
        try:
            write(counts)
        except DatabaseError:
            logger.exception("Search statistics could not be written; kept for the next flush")
            with self._lock:
                for key, (searches, empty) in counts.items():
                    self._counts[key][0] += searches
                    self._counts[key][1] += empty
            return 0
        return len(counts)


def write(counts):
    """Add the counts to their day's rows in one statement, creating the rows that do not exist yet."""
    table = connection.ops.quote_name(QueryStat._meta.db_table)
    rows = sorted(counts.items())  # a fixed order: two processes flushing at once take row locks in the same order
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    adapt = connection.ops.adapt_datefield_value
    params = [value for (day, query), (searches, empty) in rows for value in (adapt(day), query, searches, empty)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, query, searches, empty) VALUES {values} "
            f"ON CONFLICT (day, query) DO UPDATE SET searches = {table}.searches + excluded.searches, "
            f"empty = {table}.empty + excluded.empty",
            params,
        )


tally = Tally()
atexit.register(tally.flush)
