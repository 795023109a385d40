"""PostgreSQL: the entries of the index's common words, kept as bit sets in a table.

The GIN index gives a word's entries at about a microsecond per entry; a word that most
of 50,000 items hold costs tens of milliseconds before anything is counted, on each first
search of it. For the words at least ``SEARCH_COMMON_WORD_ENTRIES`` entries hold,
``search_common_stem`` (migration 0010) keeps as bytes (bit n stands for entry id n) the
entries holding the stem anywhere, in the title (weight A) and in the rest of the head (B):
reading a few kilobytes replaces the scan. The rows change with the index, in the same
transaction (``Maintenance``); ``refresh`` adds the words that became common and drops
those that no longer are (a full reindex, and the hourly ``search_common_words``).
"""

from django.conf import settings

from . import sets

TABLE = "search_common_stem"
MATCH = "search_entry_match"


def threshold():
    return max(1, int(getattr(settings, "SEARCH_COMMON_WORD_ENTRIES", 1000)))


def _as_int(data):
    return int.from_bytes(bytes(data), "little")


def _as_bytes(value):
    return value.to_bytes((value.bit_length() + 7) // 8, "little")


def _compute(cursor, stems, ids=None):
    """{stem: (entries, in the title, in the head)} computed from the vectors, of all entries or of ``ids``."""
    if not stems:
        return {}
    only = " AND m.id = ANY(%s)" if ids is not None else ""
    cursor.execute(
        f"""
        SELECT lexeme, level, array_agg(packed) FROM (
            SELECT u.lexeme, ('A' = ANY(u.weights))::int * 2 + ('B' = ANY(u.weights))::int AS level,
                (m.id::bigint >> 3 << 8) | bit_or(1 << (m.id & 7)) AS packed
            FROM {MATCH} AS m CROSS JOIN LATERAL unnest(m.vector) AS u
            WHERE u.lexeme = ANY(%s){only}
            GROUP BY 1, 2, m.id::bigint >> 3
        ) AS p GROUP BY 1, 2
        """,
        [list(stems)] + ([list(ids)] if ids is not None else []),
    )
    found = {}
    for stem, level, packed in cursor.fetchall():
        entries = sets.from_packed(packed)
        matched, title, head = found.get(stem, (0, 0, 0))
        found[stem] = (matched | entries, title | (entries if level & 2 else 0), head | (entries if level & 1 else 0))
    return found


def read(cursor, stems):
    """{stem: GroupSets} of those of ``stems`` that are common (one query)."""
    if not stems:
        return {}
    cursor.execute(f"SELECT stem, matched, title, head FROM {TABLE} WHERE stem = ANY(%s)", [sorted(stems)])
    return {
        stem: sets.GroupSets(matched=_as_int(matched), title=_as_int(title), head=_as_int(head))
        for stem, matched, title, head in cursor.fetchall()
    }


def refresh(cursor, full=False):
    """Keep exactly the stems that at least ``threshold()`` entries hold; returns (added, dropped).

    Writers of the index wait meanwhile (``Maintenance`` takes a lock that conflicts): an
    entry changed between counting and storing would otherwise be missing from a new row.
    """
    cursor.execute(f"LOCK TABLE {MATCH} IN SHARE MODE")
    cursor.execute(f"SELECT word FROM ts_stat('SELECT vector FROM {MATCH}') WHERE ndoc >= %s", [threshold()])
    common = {word for (word,) in cursor.fetchall()}
    if full:
        cursor.execute(f"DELETE FROM {TABLE}")
        kept, dropped = set(), 0
    else:
        cursor.execute(f"DELETE FROM {TABLE} WHERE NOT (stem = ANY(%s)) RETURNING stem", [sorted(common)])
        dropped = len(cursor.fetchall())
        cursor.execute(f"SELECT stem FROM {TABLE}")
        kept = {stem for (stem,) in cursor.fetchall()}
    new = _compute(cursor, common - kept)
    if new:
        cursor.executemany(
            f"INSERT INTO {TABLE} (stem, matched, title, head) VALUES (%s, %s, %s, %s)",
            [(stem, *(_as_bytes(value) for value in values)) for stem, values in sorted(new.items())],
        )
    return len(new), dropped


class Maintenance:
    """Keeps the common stems' rows true while entries change: ``before`` the change, ``after`` it.

    ``before`` locks the entries' rows (a second writer of the same entry waits) and notes
    the common stems they hold now; ``after`` recomputes those and the ones they hold then,
    for these entries only.
    """

    def __init__(self, cursor, ids):
        self.cursor, self.ids = cursor, sorted(set(ids))
        self.old = set()

    def _common_stems(self):
        self.cursor.execute(
            f"SELECT DISTINCT u.lexeme FROM {MATCH} AS m CROSS JOIN LATERAL unnest(m.vector) AS u "
            f"WHERE m.id = ANY(%s) AND u.lexeme IN (SELECT stem FROM {TABLE})",
            [self.ids],
        )
        return {stem for (stem,) in self.cursor.fetchall()}

    def before(self):
        if not self.ids:
            return
        self.cursor.execute(f"LOCK TABLE {MATCH} IN ROW EXCLUSIVE MODE")
        self.cursor.execute(f"SELECT id FROM {MATCH} WHERE id = ANY(%s) ORDER BY id FOR UPDATE", [self.ids])
        self.old = self._common_stems()

    def after(self):
        if not self.ids:
            return
        touched = sorted(self.old | self._common_stems())
        if not touched:
            return
        self.cursor.execute(
            f"SELECT stem, matched, title, head FROM {TABLE} WHERE stem = ANY(%s) ORDER BY stem FOR UPDATE", [touched]
        )
        rows = self.cursor.fetchall()
        fresh = _compute(self.cursor, touched, self.ids)
        keep = ~sets.bits(self.ids)
        updates = []
        for stem, *stored in rows:
            values = fresh.get(stem, (0, 0, 0))
            updates.append(
                (*(_as_bytes((_as_int(old) & keep) | new) for old, new in zip(stored, values, strict=True)), stem)
            )
        self.cursor.executemany(f"UPDATE {TABLE} SET matched = %s, title = %s, head = %s WHERE stem = %s", updates)
