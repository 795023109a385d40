"""Search on the site's own database: FTS5 on SQLite, full-text search on PostgreSQL.

Entries live in ``SearchEntry``; facet values in ``SearchFacetValue`` rows of
"facet:value". Both databases match the text in SQL and count in Python, on
sets of entry ids kept by each process until the index changes
(``search.backends.sets``): a facet count is then one AND and one popcount,
however many entries a common word matches.

SQLite matches and ranks the text in one FTS5 query into a temporary table.
PostgreSQL keeps a narrow table beside the entry, ``search_entry_match``
(migration 0005), with its date, vectors and facet keys as integer ids
(``search_facet_key``); a search reads, for each word (or synonym, or compound's
parts) it has not seen since the last change, the entries holding it and where
(title, head, rest): common words from their kept bit sets (``common_words``),
the others from the GIN index in one statement; it ranks the first page from those sets.
A search costs the same few queries however much is indexed.
"""

import json
import threading
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from .. import query as parser
from ..models import SearchEntry, SearchFacetValue, SearchTerm, SynonymGroup
from ..text import STOP_WORDS, analyse, edit_distance, fold, highlight, parts_text, words
from . import common_words, sets
from .base import FACETS, Hit, SearchBackend, SearchQuery, SearchResults, Suggestion, suggestion_kind

BATCH_SIZE = 500
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
# PostgreSQL only (migration 0005): what a search matches and counts, and the numbers of the facet keys.
MATCH = "search_entry_match"
KEY = "search_facet_key"
# Words of a body beyond this many characters add nothing new to the typo dictionary.
TERM_SOURCE_CHARS = 20_000
# SQLite's FTS5 columns (migration 0007), in the order of their weight (search.query.FIELD_WEIGHTS).
FTS_COLUMNS = ("title", "summary", "keywords", "title_parts", "body", "file_text", "text_parts")
# PostgreSQL's vectors label title A; summary, keywords and title parts B (both in ``head``);
# body C, file text and the other parts D (only in ``vector``); search.backends.sets ranks
# a match in A, in B and in the rest.
PG_HEAD_LABELS = ("A", "B")


def _batches(iterable, size=BATCH_SIZE):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _facet_key(facet, value):
    return f"{facet}:{value}"[:200]


# Facet ids of the given "facet:value" keys, as an SQL array computed once per statement.
KEY_IDS = f"ARRAY(SELECT id FROM {KEY} WHERE key = ANY(%s::text[]))"


# SQLite: per database, (token, facet sets) of the index as this process last read it (see _facet_sets).
_FACET_SETS = {}
# PostgreSQL: per database, the PgIndex this process last read (see _pg_index), and the recent
# transactions of this process that changed the index (each sees its own index until it ends).
_PG_INDEX = {}
_CHANGING = deque(maxlen=256)  # (alias, transaction id); ended transactions' ids are never used again
# Per PgIndex, the sets of this many recent words and phrases (some 20 KB each at 50,000 entries).
TEXT_SETS_KEPT = 256
# The phrase of a query's common words is looked for in the head of at most this many entries holding
# them all there (read by id); with more, the GIN index finds the entries with every word first.
HEAD_CANDIDATES = 5000


def _active(filters):
    return {facet: tuple(values) for facet, values in filters.items() if facet in FACETS and values}


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _fts_phrase(stems):
    return '"' + " ".join(stems).replace('"', '""') + '"'


def _fts_alternative(alternative):
    if alternative.phrase or len(alternative.stems) == 1:
        return _fts_phrase(alternative.stems)
    return "(" + " AND ".join(_fts_phrase([s]) for s in alternative.stems) + ")"


def _fts_in_column(column, alternatives):
    """FTS5 query of the rows where one of the alternatives matches with one of its words in ``column``.

    A word of an alternative that does not match as a whole does not count: "schulden" in a
    title is no title match of the parts "schuld hulp verlening" where "verlening" is absent.
    """
    found = []
    for alternative in alternatives:
        if alternative.phrase or len(alternative.stems) == 1:
            found.append(f"{{{column}}} : {_fts_phrase(alternative.stems)}")
        else:
            words = " OR ".join(_fts_phrase([s]) for s in alternative.stems)
            found.append(f"({_fts_alternative(alternative)} AND {{{column}}} : ({words}))")
    return " OR ".join(found)


def _fts_any(alternatives):
    return "(" + " OR ".join(_fts_alternative(a) for a in alternatives) + ")"


def _ts_alternative(alternative, weights=""):
    """tsquery text of an alternative; stems are word characters only, so quoting them is safe."""
    tokens = ["'" + s.replace("'", "") + "'" + (":" + weights if weights else "") for s in alternative.stems]
    if len(tokens) == 1:
        return tokens[0]
    return "(" + (" <-> " if alternative.phrase else " & ").join(tokens) + ")"


def _ts_any(alternatives):
    return "(" + " | ".join(_ts_alternative(a) for a in alternatives) + ")"


def _fts_texts(d):
    """The FTS5 row of a document, column by column (FTS_COLUMNS): the stems made by search.text.analyse."""
    texts = {
        "title": d.title,
        "summary": d.summary,
        "keywords": d.keywords,
        "title_parts": parts_text(d.title),
        "body": d.body,
        "file_text": d.file_text,
        "text_parts": parts_text(" ".join((d.summary, d.body, d.file_text))),
    }
    return [" ".join(analyse(texts[column])) for column in FTS_COLUMNS]


def _pg_texts(d):
    """(title, summary + keywords + title parts, body, file text + other parts) as stems for PostgreSQL."""
    return (
        " ".join(analyse(d.title)),
        " ".join(analyse(" ".join((d.summary, d.keywords, parts_text(d.title))))),
        " ".join(analyse(d.body)),
        " ".join(analyse(" ".join((d.file_text, parts_text(" ".join((d.summary, d.body, d.file_text))))))),
    )


def _plain_phrase(parsed):
    return parser.Alternative(stems=tuple(parsed.plain_words), text="", phrase=True)


def _plain_words(parsed):
    return parser.Alternative(stems=tuple(parsed.plain_words), text="")


def _alternative_key(alternative):
    """What a process keeps an alternative's sets under: its tsquery (the same for the same stems)."""
    return ("alternative", _ts_alternative(alternative))


def _phrase_key(parsed):
    return ("head", _ts_alternative(_plain_phrase(parsed)))


def _either(found):
    """The GroupSets of entries holding any of the given alternatives."""
    matched = title = head = 0
    for sets_of in found:
        matched, title, head = matched | sets_of.matched, title | sets_of.title, head | sets_of.head
    return sets.GroupSets(matched=matched, title=title, head=head)


@dataclass(eq=False)
class PgIndex:
    """The committed index (or a changing transaction's own) as sets, kept by a process until it changes."""

    key: tuple
    ordered: sets.Ordered
    sets: dict  # "facet:value": its entries
    everything: int
    event_dates: list  # (id, date) of the dated meetings
    _texts: OrderedDict = field(default_factory=OrderedDict)
    _past: tuple = (None, 0)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def past(self, today):
        """The meetings that are over (before ``today``)."""
        day, entries = self._past
        if day != today:
            entries = sets.bits(pk for pk, date in self.event_dates if date < today)
            self._past = (today, entries)
        return entries

    def text_sets(self, key):
        with self._lock:
            found = self._texts.get(key)
            if found is not None:
                self._texts.move_to_end(key)
            return found

    def keep_text_sets(self, key, found):
        with self._lock:
            self._texts[key] = found
            while len(self._texts) > TEXT_SETS_KEPT:
                self._texts.popitem(last=False)
        return found


def _penalty(type_sql, date_sql):
    return (
        f"CASE WHEN {type_sql} = 'organisation' THEN {parser.ORGANISATION_PENALTY} "
        f"WHEN {type_sql} = 'event' AND {date_sql} < %s THEN {parser.PAST_EVENT_PENALTY} ELSE 0 END"
    )


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def vendor(self):
        return connection.vendor

    # Indexing

    def index(self, documents):
        for batch in _batches(documents):
            with transaction.atomic():
                self._changed()
                self._index_batch(batch)

    def _changed(self):
        """Invalidate the entry sets that searching processes keep (see ``_pg_index``, ``_facet_sets``).

        PostgreSQL: the generation moves now, and this transaction is noted as one that sees
        its own index; it moves again after the commit, so that other searchers never keep
        sets they read from the old data while this change was under way.
        """
        if self.vendor == "sqlite":
            # A new random token: a rolled-back change brings back the old one, whose sets still hold.
            with connection.cursor() as cursor:
                cursor.execute("UPDATE search_index_state SET token = %s", [uuid.uuid4().hex])
            return
        if self.vendor != "postgresql":
            return

        def bump():
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval('search_index_generation'), txid_current()")
                return cursor.fetchone()[1]

        _CHANGING.append((connection.alias, bump()))
        transaction.on_commit(bump)

    def _index_batch(self, documents, rebuilding=False):
        documents = list({document.key: document for document in documents}.values())
        if self.vendor == "postgresql":
            self._index_batch_postgresql(documents, rebuilding)
        else:
            self._index_batch_sqlite(documents)
        self._add_terms(documents)

    def _index_batch_postgresql(self, documents, rebuilding=False):
        """One upsert of the entries, one of their match rows (vectors, facet ids), each row written once.

        The common words' sets follow (``common_words.Maintenance``), except during a rebuild,
        which computes them once at its end.
        """
        entry_rows, match_rows, all_keys = [], [], {}
        for d in documents:
            keys = list(dict.fromkeys(_facet_key(f, v) for f, values in d.facet_values().items() for v in values))
            all_keys.update(dict.fromkeys(keys))
            entry_rows += [
                d.key, d.type, d.title[:255], fold(d.title)[:255], d.url[:500], d.summary, d.body, d.file_text,
                d.date, json.dumps(list(d.themes)),
            ]  # fmt: skip
            match_rows += [d.key, d.date, *_pg_texts(d), keys]
        columns = "type, title, title_folded, url, summary, body, file_text, date, themes"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {ENTRY} (key, {columns})
                SELECT key, type, title, title_folded, url, summary, body, file_text, date::date, themes::jsonb
                FROM (VALUES {", ".join(["(" + ", ".join(["%s"] * 10) + ")"] * len(documents))})
                    AS v (key, type, title, title_folded, url, summary, body, file_text, date, themes)
                ON CONFLICT (key) DO UPDATE SET ({columns}) = ROW(
                    {", ".join(f"EXCLUDED.{column}" for column in columns.split(", "))})
                RETURNING id
                """,
                entry_rows,
            )
            ids = [row[0] for row in cursor.fetchall()]
            common = common_words.Maintenance(cursor, [] if rebuilding else ids)
            common.before()
            cursor.execute(
                f"INSERT INTO {KEY} (key, facet) SELECT k, split_part(k, ':', 1) FROM unnest(%s::text[]) AS k "
                # Known keys are left out before the insert: each attempt would use up a number.
                f"WHERE NOT EXISTS (SELECT FROM {KEY} WHERE key = k) ON CONFLICT (key) DO NOTHING",
                [list(all_keys)],
            )
            # Stems made by search.text.analyse, as on SQLite. The head vector (title, summary, keywords,
            # title parts) is computed once: ranked on its own, and part of the full vector.
            cursor.execute(
                f"""
                INSERT INTO {MATCH} (id, date, facets, head, vector)
                SELECT e.id, v.date::date, {KEY_IDS.replace("%s", "v.keys")}, head,
                    head || setweight(to_tsvector('simple', f_body), 'C') || setweight(to_tsvector('simple', f_rest), 'D')
                FROM (
                    SELECT *, setweight(to_tsvector('simple', f_title), 'A')
                        || setweight(to_tsvector('simple', f_head), 'B') AS head
                    FROM (VALUES {", ".join(["(%s, %s, %s, %s, %s, %s, %s::text[])"] * len(documents))})
                        AS v (key, date, f_title, f_head, f_body, f_rest, keys)
                ) AS v
                JOIN {ENTRY} AS e ON e.key = v.key
                ON CONFLICT (id) DO UPDATE SET (date, facets, head, vector) = ROW(
                    EXCLUDED.date, EXCLUDED.facets, EXCLUDED.head, EXCLUDED.vector)
                """,
                match_rows,
            )
            common.after()
            # The side table still serves tag autocomplete and the "bedoelde u" check.
            cursor.execute(f"DELETE FROM {FACET} WHERE entry_id = ANY(%s)", [ids])
            cursor.execute(
                f"INSERT INTO {FACET} (entry_id, value) SELECT m.id, k.key FROM {MATCH} AS m "
                f"CROSS JOIN LATERAL unnest(m.facets) AS f (id) JOIN {KEY} AS k ON k.id = f.id WHERE m.id = ANY(%s)",
                [ids],
            )

    def _index_batch_sqlite(self, documents):
        existing = dict(SearchEntry.objects.filter(key__in=[d.key for d in documents]).values_list("key", "pk"))
        entries = [
            SearchEntry(
                pk=existing.get(d.key),
                key=d.key,
                type=d.type,
                title=d.title[:255],
                title_folded=fold(d.title)[:255],
                url=d.url[:500],
                summary=d.summary,
                body=d.body,
                file_text=d.file_text,
                date=d.date,
                themes=list(d.themes),
            )
            for d in documents
        ]
        fields = ["type", "title", "title_folded", "url", "summary", "body", "file_text", "date", "themes"]
        updated = [entry for entry in entries if entry.pk]
        if updated:
            SearchEntry.objects.bulk_update(updated, fields)
        created = [entry for entry in entries if not entry.pk]
        if created:
            SearchEntry.objects.bulk_create(created)
            if created[0].pk is None:  # a database that does not return new ids
                ids = dict(SearchEntry.objects.filter(key__in=[e.key for e in created]).values_list("key", "pk"))
                for entry in created:
                    entry.pk = ids[entry.key]
        ids = [entry.pk for entry in entries]
        SearchFacetValue.objects.filter(entry_id__in=ids).delete()
        SearchFacetValue.objects.bulk_create(
            [
                SearchFacetValue(entry_id=entry.pk, value=_facet_key(facet, value))
                for entry, document in zip(entries, documents, strict=True)
                for facet, values in document.facet_values().items()
                for value in dict.fromkeys(values)
            ]
        )
        self._write_full_text(list(zip(ids, documents, strict=True)))

    def _write_full_text(self, rows):
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                ids = [pk for pk, _d in rows]
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(ids)})", ids)
                cursor.executemany(
                    f"INSERT INTO search_fts (rowid, {', '.join(FTS_COLUMNS)}) "
                    f"VALUES (%s, {_placeholders(FTS_COLUMNS)})",
                    [(pk, *_fts_texts(d)) for pk, d in rows],
                )
            else:
                raise NotImplementedError(f"Search on {self.vendor} is not supported; use SQLite or PostgreSQL.")

    def _add_terms(self, documents):
        found = set()
        for d in documents:
            text = " ".join((d.title, d.summary, d.body[:TERM_SOURCE_CHARS], " ".join(d.tags)))
            found.update(word for word in words(text) if 3 <= len(word) <= 40 and not word.isdigit())
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word, initial=word[0], length=len(word)) for word in sorted(found - STOP_WORDS)],
            ignore_conflicts=True,
            batch_size=BATCH_SIZE,
        )

    def delete(self, keys):
        keys = list(keys)
        for batch in _batches(keys):
            with transaction.atomic():
                ids = list(SearchEntry.objects.filter(key__in=batch).values_list("pk", flat=True))
                if not ids:
                    continue
                self._changed()
                with connection.cursor() as cursor:
                    if self.vendor == "sqlite":
                        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(ids)})", ids)
                    common = common_words.Maintenance(cursor, ids if self.vendor == "postgresql" else [])
                    common.before()
                    SearchFacetValue.objects.filter(entry_id__in=ids).delete()
                    SearchEntry.objects.filter(pk__in=ids).delete()
                    common.after()

    def rebuild(self, documents, progress=None):
        count = 0
        # One transaction: searchers see the old index until the new one is complete.
        with transaction.atomic():
            self._changed()
            # Plain DELETEs: the ORM would fetch the rows first; TRUNCATE would lock out searchers.
            with connection.cursor() as cursor:
                if self.vendor == "sqlite":
                    cursor.execute("DELETE FROM search_fts")
                tables = [FACET, ENTRY, SearchTerm._meta.db_table]
                if self.vendor == "postgresql":
                    # Emptied first, the match table leaves its delete trigger (migration 0005) nothing to do.
                    tables[:0] = [MATCH, KEY, common_words.TABLE]
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")
            for batch in _batches(documents):
                self._index_batch(batch, rebuilding=True)
                count += len(batch)
                if progress:
                    progress(count)
            if self.vendor == "postgresql":
                with connection.cursor() as cursor:
                    common_words.refresh(cursor, full=True)
        return count

    def refresh_common_words(self):
        """PostgreSQL: keep the sets of exactly the words that are common now; (added, dropped) stems."""
        if self.vendor != "postgresql":
            return 0, 0
        with transaction.atomic(), connection.cursor() as cursor:
            return common_words.refresh(cursor)

    # Searching

    def _parse(self, text):
        return parser.parse(text, SynonymGroup.table()) if text.strip() else parser.ParsedQuery()

    def _match(self, parsed):
        """(SQL selecting "id, score, matched, groups, date" of the entries the text finds, params); None without a text.

        SQLite: one FTS5 match per group; for each matching row the best column in which the group
        matched gives the group's weight (one ``{column} : ...`` match per column, each evaluated
        once), so a word in most items still ranks by where it is. Type and date come from
        the covering index of migration 0009, not from the wide entry row.
        """
        if not parsed:
            return None
        today = timezone.localdate()
        excluded_sql, excluded_params = "", []
        if parsed.excluded:
            excluded_sql = "id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            excluded_params = [_fts_any(parsed.excluded)]
        if not parsed.groups:
            return (
                f"SELECT id, 0.0 AS score, 0 AS matched, '' AS groups, date FROM {ENTRY} WHERE {excluded_sql}",
                excluded_params,
            )
        selects, params = [], []
        for index, group in enumerate(parsed.groups):
            # Columns in the order of their weight; a row the group matches in none of the
            # others holds one of its phrases in the last.
            best_column = (
                "CASE "
                + " ".join(
                    f"WHEN rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
                    f"THEN {parser.FIELD_WEIGHTS[column]}"
                    for column in FTS_COLUMNS[:-1]
                )
                + f" ELSE {parser.FIELD_WEIGHTS[FTS_COLUMNS[-1]]} END"
            )
            params += [_fts_in_column(column, group.alternatives) for column in FTS_COLUMNS[:-1]]
            selects.append(
                f"SELECT rowid AS id, {index} AS g, {best_column} AS w FROM search_fts WHERE search_fts MATCH %s"
            )
            params.append(_fts_any(group.alternatives))
        bonus, bonus_params = "", []
        if parsed.plain_words:
            whole = "{title summary body file_text}"
            bonus = (
                f" + CASE WHEN h.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) THEN {parser.PHRASE_BONUS}"
                f" WHEN h.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) THEN {parser.NEAR_BONUS}"
                " ELSE 0 END"
            )
            near = " ".join(_fts_phrase([s]) for s in parsed.plain_words)
            bonus_params = [
                f"{whole} : {_fts_phrase(parsed.plain_words)}",
                f"{whole} : NEAR({near}, {parser.NEAR_DISTANCE})",
            ]
        # Grouped before the join: each entry's type and date are read once, however many groups it matched.
        return (
            f"SELECT h.id AS id, {parser.GROUP_SCORE} * h.matched + h.w{bonus} - {_penalty('e.type', 'e.date')} "
            f"AS score, h.matched AS matched, h.groups AS groups, e.date AS date FROM ("
            f"SELECT id, COUNT(*) AS matched, SUM(w) AS w, group_concat(g) AS groups "
            f"FROM ({' UNION ALL '.join(selects)}) GROUP BY id"
            f") AS h JOIN {ENTRY} AS e INDEXED BY search_entry_id_type_date ON e.id = h.id"
            + (f" WHERE h.{excluded_sql}" if excluded_sql else ""),
            bonus_params + [today] + params + excluded_params,
        )

    def _filters(self, filters, skip=None):
        sql, params = [], []
        for facet in FACETS:
            values = filters.get(facet) or ()
            if facet == skip or not values:
                continue
            keys = [_facet_key(facet, value) for value in values]
            sql.append(f"m.id IN (SELECT entry_id FROM {FACET} WHERE value IN ({_placeholders(keys)}))")
            params.extend(keys)
        return sql, params

    def search(self, query: SearchQuery) -> SearchResults:
        if self.vendor == "postgresql":
            return self._search_postgresql(query)
        return self._search(query)

    def _search(self, query):
        """SQLite: the text is matched once into a temporary table; counts come from entry sets.

        The page is one ordered query on the matches (or, without a text, on the date index).
        Total, complete matches and every facet's counts under the other filters are counted
        from sets of entry ids as bits (``_facet_sets``): a few thousand matches cost one read
        of their ids, not a join per facet value.
        """
        parsed = self._parse(query.text)
        match = self._match(parsed)
        filters = _active(query.filters)
        conditions, params = self._filters(filters)
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        limit, offset = max(0, query.limit), max(0, query.offset)
        with connection.cursor() as cursor:
            kept = self._facet_sets(cursor)
            if match is None:
                matched = complete = kept["*"]
                cursor.execute(
                    f"SELECT m.id, 0.0, '' FROM {ENTRY} AS m{where} "
                    "ORDER BY m.date DESC NULLS LAST, m.id DESC LIMIT %s OFFSET %s",
                    params + [limit, offset],
                )
                page = cursor.fetchall()
            else:
                # Private to this connection: no lock on the database.
                cursor.execute("DROP TABLE IF EXISTS temp.search_matches")
                cursor.execute(f"CREATE TEMP TABLE search_matches AS {match[0]}", match[1])
                # Two strings of ids: far fewer Python objects than a row per match.
                cursor.execute(
                    "SELECT group_concat(id), group_concat(CASE WHEN matched = %s THEN id END) "
                    "FROM temp.search_matches",
                    [len(parsed.groups)],
                )
                matched, complete = (sets.bits(map(int, ids.split(","))) if ids else 0 for ids in cursor.fetchone())
                if query.sort == "date" or not parsed.groups:
                    order = "m.date DESC NULLS LAST, m.id DESC"
                else:
                    order = "m.score DESC, m.date DESC NULLS LAST, m.id DESC"
                cursor.execute(
                    f"SELECT m.id, m.score, m.groups FROM temp.search_matches AS m{where} "
                    f"ORDER BY {order} LIMIT %s OFFSET %s",
                    params + [limit, offset],
                )
                page = cursor.fetchall()
                cursor.execute("DROP TABLE IF EXISTS temp.search_matches")
        chosen = {facet: sets.union(kept, facet, values) for facet, values in filters.items()}
        everything, facets = sets.facet_counts(kept, matched, chosen)
        total, complete_count = everything.bit_count(), (complete & everything).bit_count()
        return self._results(query, parsed, filters, page, total, facets, complete_count if match else None)

    def _facet_sets(self, cursor):
        """{"facet:value": ids as bits, "*": every id} of the whole index, kept until the index changes.

        The token (migration 0009) is read in this connection: it sees its own uncommitted
        change, and a new token is never reused. The highest id tells an index emptied
        without the backend (a test database flushed between tests).
        """
        cursor.execute(f"SELECT token, (SELECT MAX(id) FROM {ENTRY}) FROM search_index_state")
        token = cursor.fetchone()
        alias = connection.settings_dict["NAME"]
        kept = _FACET_SETS.get(alias)
        if kept and kept[0] == token:
            return kept[1]
        cursor.execute(f"SELECT value, entry_id FROM {FACET}")
        ids = {}
        for value, pk in cursor.fetchall():
            ids.setdefault(value, []).append(pk)
        kept = {value: sets.bits(pks) for value, pks in ids.items()}
        everything = 0
        for value, entries in kept.items():
            if value.startswith("type:"):
                everything |= entries  # every entry has a type
        kept["*"] = everything
        _FACET_SETS[alias] = (token, kept)
        return kept

    def _results(self, query, parsed, filters, page, total, facets, complete=None):
        """SearchResults from the page's (id, score, matched group numbers) rows in order."""
        entries = SearchEntry.objects.in_bulk([pk for pk, _score, _groups in page])
        stems = parsed.stems
        today = timezone.localdate()
        hits = []
        for pk, score, groups in page:
            entry = entries.get(pk)
            if entry is None:
                continue
            matched = {int(g) for g in str(groups or "").split(",") if g}
            hits.append(
                Hit(
                    key=entry.key,
                    type=entry.type,
                    title=entry.title,
                    url=entry.url,
                    snippet=highlight([entry.summary, entry.body, entry.file_text], stems),
                    score=float(score or 0.0),
                    date=entry.date,
                    themes=tuple(entry.themes),
                    missing=tuple(g.label for i, g in enumerate(parsed.groups) if i not in matched),
                    past=entry.type == "event" and entry.date is not None and entry.date < today,
                )
            )
        for facet, values in facets.items():
            values.sort(key=lambda fc: (-int(fc.value), 0) if facet == "year" else (-fc.count, fc.value))
        suggestion = None
        if parsed.groups and (total == 0 or not complete):
            suggestion = self._suggestion(query.text, filters)
        return SearchResults(
            hits=hits, total=total, facets=facets, suggestion=suggestion,
            complete=int(complete or 0) if parsed.groups else None,
        )  # fmt: skip

    def _search_postgresql(self, query):
        """Entry sets kept by this process (``PgIndex``) and per word (``_pg_text_sets``); no row-by-row work.

        Each group of the query gives the entries that hold it, and which of those hold it
        in the title or the rest of the head vector (title A, summary, keywords and title
        parts B). Totals, facet counts and the first page are set arithmetic on those
        (search.backends.sets): a word in 90 % of 50,000 items costs no row-by-row scoring.
        """
        parsed = self._parse(query.text)
        filters = _active(query.filters)
        limit, offset = max(0, query.limit), max(0, query.offset)
        with connection.cursor() as cursor:
            index = self._pg_index(cursor)
            found = self._pg_text_sets(cursor, index, parsed)
        groups = [_either(found[_alternative_key(a)] for a in group.alternatives) for group in parsed.groups]
        matched = index.everything
        if groups:
            matched = 0
            for group in groups:
                matched |= group.matched
            matched &= index.everything
        if parsed.excluded:
            matched &= ~_either(found[_alternative_key(a)] for a in parsed.excluded).matched
        chosen = {facet: sets.union(index.sets, facet, values) for facet, values in filters.items()}
        everything, facets = sets.facet_counts(index.sets, matched, chosen)
        total, complete = everything.bit_count(), None
        if not groups:
            page = [(pk, 0.0, "") for pk in index.ordered.first(everything, offset, limit)]
            return self._results(query, parsed, filters, page, total, facets)
        whole = everything
        for group in groups:
            whole &= group.matched
        complete = whole.bit_count()
        phrase = None
        if parsed.plain_words:
            phrase = found[_phrase_key(parsed)].matched
        penalties = [
            (index.sets.get("type:organisation", 0), parser.ORGANISATION_PENALTY),
            (index.past(timezone.localdate()), parser.PAST_EVENT_PENALTY),
        ]
        leaves = sets.leaves(everything, groups, phrase, penalties)
        if query.sort == "date":
            page = []
            for pk in index.ordered.first(everything, offset, limit):
                score, numbers = next((s, m) for s, m, entries in leaves if sets.contains(entries, pk))
                page.append((pk, score, numbers))
        else:
            page = sets.ranked_page(leaves, index.ordered, offset, limit)
        page = [(pk, score, ",".join(map(str, numbers))) for pk, score, numbers in page]
        return self._results(query, parsed, filters, page, total, facets, complete)

    @property
    def keeps_texts(self):
        """Whether searches keep what they matched per word until the index changes (see ``forget_texts``)."""
        return self.vendor == "postgresql"

    def forget_texts(self):
        """Drop the entries this process keeps per group of words (PostgreSQL), as after a change of the index.

        For the search benchmark, which times a first search of its words with it.
        """
        for index in list(_PG_INDEX.values()):
            with index._lock:
                index._texts.clear()

    def _pg_index(self, cursor):
        """This process's ``PgIndex`` of the index as this transaction sees it, read again after each change."""
        cursor.execute("SELECT last_value, txid_current_if_assigned() FROM search_index_generation")
        generation, transaction_id = cursor.fetchone()
        alias = connection.alias
        # A transaction that changed the index sees its change; every other one the committed index.
        own = transaction_id if (alias, transaction_id) in _CHANGING else None
        kept = _PG_INDEX.get(alias)
        if kept is not None and kept.key == (generation, own):
            return kept
        # Strings of ids: far fewer Python objects than a row per entry and facet value.
        cursor.execute(f"SELECT string_agg(id::text, ',' ORDER BY date DESC NULLS LAST, id DESC) FROM {MATCH}")
        (order,) = cursor.fetchone()
        order = [int(pk) for pk in order.split(",")] if order else []
        cursor.execute(
            f"SELECT k.key, string_agg(m.id::text, ',') FROM {MATCH} AS m "
            f"CROSS JOIN LATERAL unnest(m.facets) AS f (id) JOIN {KEY} AS k ON k.id = f.id GROUP BY k.key"
        )
        entry_sets = {key: sets.bits(map(int, ids.split(","))) for key, ids in cursor.fetchall()}
        cursor.execute(f"SELECT id, date FROM {MATCH} WHERE date IS NOT NULL AND facets && {KEY_IDS}", [["type:event"]])
        index = PgIndex(
            key=(generation, own),
            ordered=sets.Ordered(order),
            sets=entry_sets,
            everything=sets.bits(order),
            event_dates=cursor.fetchall(),
        )
        _PG_INDEX[alias] = index
        return index

    def _pg_text_sets(self, cursor, index, parsed):
        """{key: GroupSets} of each alternative of the query's groups and excluded words, and of the
        phrase of its plain words in the head, from the process's cache or read.

        An alternative of common words (``common_words``) is the intersection of their kept
        sets; any other is matched by the GIN index, all of them in one statement. The GIN
        sets come as ``byte << 8 | bits`` per byte of each set: a few thousand numbers
        instead of one id per matching entry.
        """
        wanted = {_alternative_key(a): a for group in parsed.groups for a in group.alternatives}
        wanted |= {_alternative_key(a): a for a in parsed.excluded}
        if parsed.plain_words:
            wanted[_phrase_key(parsed)] = _plain_phrase(parsed)
        found, missing = {}, {}
        for key, alternative in wanted.items():
            known = index.text_sets(key)
            if known is None:
                missing[key] = alternative
            else:
                found[key] = known
        if not missing:
            return found
        common = common_words.read(cursor, {stem for a in missing.values() for stem in a.stems})
        selects, params, numbered = [], [], []
        for key, alternative in missing.items():
            kind = key[0]
            stems = alternative.stems
            if stems and all(stem in common for stem in stems) and (kind == "head" or not alternative.phrase):
                title = head = matched = in_head = index.everything
                for stem in stems:
                    title &= common[stem].title
                    head &= common[stem].head
                    matched &= common[stem].matched
                    in_head &= common[stem].title | common[stem].head
                if kind == "alternative":
                    found[key] = index.keep_text_sets(key, sets.GroupSets(matched=matched, title=title, head=head))
                    continue
                # The phrase in the head: only entries with every word in the head can hold it.
                candidates = sets.members(in_head)
                if len(candidates) <= HEAD_CANDIDATES:
                    selects.append(
                        f"SELECT {len(numbered)} AS k, 0 AS level, id FROM {MATCH} "
                        "WHERE id = ANY(%s::integer[]) AND head @@ to_tsquery('simple', %s)"
                    )
                    params += [candidates, key[1]]
                    numbered.append(key)
                    continue
            number = len(numbered)
            numbered.append(key)
            if kind == "alternative":
                heads = [_ts_alternative(alternative, label) for label in PG_HEAD_LABELS]
                selects.append(
                    f"SELECT {number} AS k, CASE WHEN head @@ to_tsquery('simple', %s) THEN 2 "
                    f"WHEN head @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END AS level, id "
                    f"FROM {MATCH} WHERE vector @@ to_tsquery('simple', %s)"
                )
                params += [*heads, key[1]]
            else:
                # Entries with every word (from the index, without reading a vector), then the phrase in the head.
                selects.append(
                    f"SELECT {number} AS k, 0 AS level, id FROM {MATCH} "
                    "WHERE vector @@ to_tsquery('simple', %s) AND head @@ to_tsquery('simple', %s)"
                )
                params += [_ts_alternative(_plain_words(parsed)), key[1]]
        if not selects:
            return found
        with transaction.atomic():
            # A common word matches most rows; the planner then prefers a sequential scan that
            # reads every large vector, where the GIN bitmap needs none of them (10-50x faster).
            # The penalty that puts on any sequential scan would make PostgreSQL compile even
            # the tiny ones with JIT (some 8 ms each); these queries are too short to gain from it.
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
            cursor.execute(
                "SELECT k, level, array_agg(packed) FROM ("
                "SELECT k, level, (id::bigint >> 3 << 8) | bit_or(1 << (id & 7)) AS packed "
                f"FROM ({' UNION ALL '.join(selects)}) AS r GROUP BY k, level, id::bigint >> 3"
                ") AS b GROUP BY k, level",
                params,
            )
            rows = cursor.fetchall()
        levels = {}
        for number, level, packed in rows:
            levels[(number, level)] = sets.from_packed(packed)
        for number, key in enumerate(numbered):
            title, head, rest = (levels.get((number, level), 0) for level in (2, 1, 0))
            found[key] = index.keep_text_sets(key, sets.GroupSets(matched=title | head | rest, title=title, head=head))
        return found

    def _suggestion(self, text, filters):
        """The query with unknown words replaced by the nearest known ones, if that finds anything."""
        query_words = list(words(text))
        unknown = [word for word in query_words if word not in STOP_WORDS and len(word) >= 3 and not word.isdigit()]
        if not unknown:
            return None
        known = set(SearchTerm.objects.filter(word__in=unknown).values_list("word", flat=True))
        unknown = [word for word in unknown if word not in known]
        if not unknown:
            return None
        condition = Q()
        for word in unknown:
            condition |= Q(initial=word[0], length__gte=len(word) - 2, length__lte=len(word) + 2)
        candidates = list(SearchTerm.objects.filter(condition).values_list("word", flat=True)[:5000])
        replacements = {}
        for word in unknown:
            allowed = 1 if len(word) <= 5 else 2
            scored = [
                (edit_distance(word, candidate), candidate)
                for candidate in candidates
                if candidate[0] == word[0] and abs(len(candidate) - len(word)) <= allowed
            ]
            scored = [(distance, candidate) for distance, candidate in scored if distance <= allowed]
            if scored:
                replacements[word] = min(scored)[1]
        if not replacements:
            return None
        corrected = " ".join(replacements.get(word, word) for word in query_words)
        return corrected if self._finds_every_word(self._parse(corrected), filters) else None

    def _finds_every_word(self, parsed, filters):
        """Whether some entry under these filters holds every group of the query."""
        if not parsed.groups:
            return False
        conditions, params = self._filters(filters)
        if self.vendor == "postgresql":
            conditions = [condition.replace("m.id", "id") for condition in conditions]
            conditions += ["vector @@ to_tsquery('simple', %s)"] * len(parsed.groups)
            params = params + [_ts_any(group.alternatives) for group in parsed.groups]
            sql = f"SELECT 1 FROM {MATCH} WHERE {' AND '.join(conditions)} LIMIT 1"
        else:
            expression = " AND ".join(_fts_any(group.alternatives) for group in parsed.groups)
            sql = (
                "SELECT 1 FROM (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s) AS m"
                + (f" WHERE {' AND '.join(conditions)}" if conditions else "")
                + " LIMIT 1"
            )
            params = [expression] + params
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    def suggest(self, prefix, limit=8):
        folded = " ".join(fold(prefix).split())
        if len(folded) < 2:
            return []
        tag_prefix = slugify(folded)
        tags = []
        if tag_prefix:
            tags = list(
                SearchFacetValue.objects.filter(value__gte=f"tag:{tag_prefix}", value__lt=f"tag:{tag_prefix}\uffff")
                .values_list("value", flat=True)
                .distinct()
                .order_by("value")[:3]
            )
        like = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT title, url, type FROM {ENTRY} "
                f"WHERE title_folded LIKE %s ESCAPE '\\' OR title_folded LIKE %s ESCAPE '\\' "
                f"ORDER BY CASE WHEN title_folded LIKE %s ESCAPE '\\' THEN 0 ELSE 1 END, "
                f"CASE WHEN type = 'organisation' THEN 1 ELSE 0 END, title_folded LIMIT %s",
                [f"{like}%", f"% {like}%", f"{like}%", limit],
            )
            titles = cursor.fetchall()
        suggestions = [
            Suggestion(text=title, url=url, kind=suggestion_kind(kind))
            for title, url, kind in titles[: max(0, limit - len(tags))]
        ]
        suggestions += [Suggestion(text=value.partition(":")[2], kind="tag") for value in tags]
        return suggestions
