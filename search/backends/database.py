"""Search on the site's own database: FTS5 on SQLite, full-text search on PostgreSQL.

Entries live in ``SearchEntry``; facet values in ``SearchFacetValue`` rows of
"facet:value". On SQLite all facet counts of a search are one GROUP BY plus one
per facet with an active filter. On PostgreSQL a narrow table beside the entry,
``search_entry_match`` (migration 0005), holds its date, vectors and facet keys
as integer ids (``search_facet_key``): one statement matches the text once and
gives the page, the total and every facet's counts from those matches.
A search costs the same few queries however much is indexed.
"""

import json
import uuid
from itertools import islice

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from .. import query as parser
from ..models import SearchEntry, SearchFacetValue, SearchTerm, SynonymGroup
from ..text import STOP_WORDS, analyse, edit_distance, fold, highlight, parts_text, words
from .base import FACETS, FacetCount, Hit, SearchBackend, SearchQuery, SearchResults, Suggestion, suggestion_kind

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
# body C, file text and the other parts D (only in ``vector``).
PG_HEAD_WEIGHTS = (("A", parser.FIELD_WEIGHTS["title"]), ("B", parser.FIELD_WEIGHTS["summary"]))
PG_REST_WEIGHT = parser.FIELD_WEIGHTS["body"]


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


def _bits(ids):
    """A set of entry ids as one integer: bit n stands for id n."""
    ids = list(ids)
    if not ids:
        return 0
    found = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        found[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(found, "little")


def _union(sets, facet, values):
    bits = 0
    for value in values:
        bits |= sets.get(_facet_key(facet, value), 0)
    return bits


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


def _ts_any(alternatives, weights=""):
    return "(" + " | ".join(_ts_alternative(a, weights) for a in alternatives) + ")"


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
        """Invalidate the cached counts of the unfiltered index (PostgreSQL; see ``_browse_counts``).

        The generation moves now, so that this transaction never reads counts cached
        before its change, and again after the commit, so that other searchers never
        keep counts they cached from the old data while this change was under way.
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
                cursor.execute("SELECT nextval('search_index_generation')")

        bump()
        transaction.on_commit(bump)

    def _index_batch(self, documents):
        documents = list({document.key: document for document in documents}.values())
        if self.vendor == "postgresql":
            self._index_batch_postgresql(documents)
        else:
            self._index_batch_sqlite(documents)
        self._add_terms(documents)

    def _index_batch_postgresql(self, documents):
        """One upsert of the entries, one of their match rows (vectors, facet ids), each row written once."""
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
                if self.vendor == "sqlite":
                    with connection.cursor() as cursor:
                        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(ids)})", ids)
                SearchFacetValue.objects.filter(entry_id__in=ids).delete()
                SearchEntry.objects.filter(pk__in=ids).delete()

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
                    tables[:0] = [MATCH, KEY]
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")
            for batch in _batches(documents):
                self._index_batch(batch)
                count += len(batch)
                if progress:
                    progress(count)
        return count

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
        if self.vendor != "postgresql":
            return self._search(query)
        with transaction.atomic():
            with connection.cursor() as cursor:
                # A common word matches most rows; the planner then prefers a sequential scan that
                # reads every large vector, where the GIN bitmap needs none of them (10-50x faster).
                # The penalty that puts on any sequential scan would make PostgreSQL compile even
                # the tiny ones with JIT (some 8 ms each); these queries are too short to gain from it.
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
            return self._search_postgresql(query)

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
            sets = self._facet_sets(cursor)
            if match is None:
                matched = complete = sets["*"]
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
                matched, complete = (_bits(map(int, ids.split(","))) if ids else 0 for ids in cursor.fetchone())
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
        chosen = {facet: _union(sets, facet, values) for facet, values in filters.items()}

        def under(skip=None):
            result = matched
            for facet, bits in chosen.items():
                if facet != skip:
                    result &= bits
            return result

        everything = under()
        facets = {facet: [] for facet in FACETS}
        bases = {}
        for key, bits in sets.items():
            facet, _sep, value = key.partition(":")
            if facet not in facets:
                continue
            if facet not in bases:
                bases[facet] = under(facet) if facet in chosen else everything
            count = (bases[facet] & bits).bit_count()
            if count:
                facets[facet].append(FacetCount(value, count))
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
        sets = {value: _bits(pks) for value, pks in ids.items()}
        everything = 0
        for value, bits in sets.items():
            if value.startswith("type:"):
                everything |= bits  # every entry has a type
        sets["*"] = everything
        _FACET_SETS[alias] = (token, sets)
        return sets

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

    def _pg_text(self, parsed):
        """(CTEs, their params, SQL of the rows the text selects, its params, score SQL, groups SQL).

        Each group's matches come from the GIN index alone (``g0``, ``g1``, ...), so the large
        vectors of bodies and files are never read; where a group matched is told by the
        small ``head`` vector: title (A), else summary, keywords or title parts (B), else
        body, file or parts (the rest).
        """
        ctes, params = [], []
        for index, group in enumerate(parsed.groups):
            ctes.append(f"g{index} AS MATERIALIZED (SELECT id FROM {MATCH} WHERE vector @@ to_tsquery('simple', %s))")
            params.append(_ts_any(group.alternatives))
        conditions, condition_params = [], []
        if parsed.groups:
            conditions.append(
                "id IN (" + " UNION ".join(f"SELECT id FROM g{i}" for i in range(len(parsed.groups))) + ")"
            )
        if parsed.excluded:
            conditions.append(f"id NOT IN (SELECT id FROM {MATCH} WHERE vector @@ to_tsquery('simple', %s))")
            condition_params.append(_ts_any(parsed.excluded))
        if not parsed.groups:
            return ctes, params, conditions, condition_params, "0.0::float8", "'{}'::integer[]", []
        groups = (
            "ARRAY_REMOVE(ARRAY["
            + ", ".join(f"CASE WHEN id IN (SELECT id FROM g{i}) THEN {i} END" for i in range(len(parsed.groups)))
            + "], NULL)"
        )
        parts, score_params = [], []
        for index, group in enumerate(parsed.groups):
            whens = " ".join(
                f"WHEN head @@ to_tsquery('simple', %s) THEN {weight}" for _label, weight in PG_HEAD_WEIGHTS
            )
            parts.append(f"CASE WHEN {index} = ANY(groups) THEN CASE {whens} ELSE {PG_REST_WEIGHT} END ELSE 0 END")
            score_params += [_ts_any(group.alternatives, label) for label, _weight in PG_HEAD_WEIGHTS]
        score = f"({parser.GROUP_SCORE} * cardinality(groups) + " + " + ".join(parts)
        if parsed.plain_words:
            phrase = parser.Alternative(stems=tuple(parsed.plain_words), text="", phrase=True)
            score += f" + CASE WHEN head @@ to_tsquery('simple', %s) THEN {parser.PHRASE_BONUS} ELSE 0 END"
            score_params.append(_ts_alternative(phrase))
        organisation, event = (f"facets && {KEY_IDS}",) * 2
        score += (
            f" - CASE WHEN {organisation} THEN {parser.ORGANISATION_PENALTY} "
            f"WHEN {event} AND date < %s THEN {parser.PAST_EVENT_PENALTY} ELSE 0 END)::float8"
        )
        score_params += [["type:organisation"], ["type:event"], timezone.localdate()]
        return ctes, params, conditions, condition_params, score, groups, score_params

    def _search_postgresql(self, query):
        """The text is matched once: one statement gives the page, the total and all facet counts.

        ``m`` holds every entry that matches the text and could count in some facet:
        with filters on several facets, those meeting all of them but at most one
        (a facet counts under the *other* filters). Each row carries one flag per
        filtered facet, so each count picks its rows from ``m`` without matching again.
        """
        parsed = self._parse(query.text)
        filters = _active(query.filters)
        keys = {facet: [_facet_key(facet, value) for value in values] for facet, values in filters.items()}
        limit, offset = max(0, query.limit), max(0, query.offset)
        newest = "date DESC NULLS LAST, id DESC"
        with connection.cursor() as cursor:
            if not parsed and not keys:
                cursor.execute(f"SELECT id, 0.0, '' FROM {MATCH} ORDER BY {newest} LIMIT %s OFFSET %s", [limit, offset])
                page = cursor.fetchall()
                total, browse = self._browse_counts(cursor)
                facets = {facet: [FacetCount(v, c) for v, c in browse[facet]] for facet in FACETS}
                return self._results(query, parsed, filters, page, total, facets)
            cached = {}
            if not parsed and len(keys) == 1:
                # A lone filter's own facet counts under no filter at all: the unfiltered counts.
                (only,) = keys
                cached[only] = self._browse_counts(cursor)[1][only]

            def flag(facet):
                return f"f_{FACETS.index(facet)}"

            def all_but(skip=None):
                return " AND ".join([flag(facet) for facet in keys if facet != skip] or ["TRUE"])

            ctes, cte_params, where, where_params, score, groups, score_params = self._pg_text(parsed)
            flags = "".join(f", facets && {KEY_IDS} AS {flag(facet)}" for facet in keys)
            flag_params = list(keys.values())
            # With a text, the text alone picks the rows (the flags sort them): the planner cannot
            # tell how many rows a filter's ids match, and would rather scan the filters' index
            # and then read the out-of-line vector of every row they match.
            if len(keys) == 1 and not parsed.groups:
                where.append(f"facets && {KEY_IDS}")
                where_params += list(keys.values())
            elif len(keys) > 1 and not parsed.groups:
                where.append(
                    "("
                    + " OR ".join(
                        "(" + " AND ".join([f"facets && {KEY_IDS}"] * (len(keys) - 1)) + ")" for _skip in keys
                    )
                    + ")"
                )
                where_params += [keys[facet] for skip in keys for facet in keys if facet != skip]
            ranked = bool(parsed.groups) and query.sort != "date"
            order = f"score DESC, {newest}" if ranked else newest
            # Rows meeting every filter count in every facet; a row failing just one filter
            # counts in that facet only (the year straight from the date).
            counted, counted_params, years = [f"SELECT unnest(facets) AS value FROM m WHERE {all_but()}"], [], []
            for facet in keys:
                if facet in cached:
                    continue
                failing = f"FROM m WHERE NOT {flag(facet)} AND {all_but(facet)}"
                if facet == "year":
                    years.append(f"SELECT EXTRACT(YEAR FROM date)::integer AS year {failing}")
                else:
                    counted.append(
                        f"SELECT value FROM (SELECT unnest(facets) AS value {failing}) AS b "
                        f"WHERE value IN (SELECT id FROM {KEY} WHERE facet = %s)"
                    )
                    counted_params.append(facet)
            year_counts = "".join(
                f" UNION ALL SELECT 'f', 'year:' || year, COUNT(*), NULL, NULL FROM ({sql}) AS y "
                "WHERE year IS NOT NULL GROUP BY year"
                for sql in years
            )
            complete = len(parsed.groups)
            cursor.execute(
                f"""
                WITH {"".join(cte + ", " for cte in ctes)}
                s AS MATERIALIZED (
                    SELECT id, date, head, facets, {groups} AS groups FROM {MATCH} WHERE {" AND ".join(where) or "TRUE"}
                ),
                m AS MATERIALIZED (SELECT id, date, {score} AS score, groups, facets{flags} FROM s),
                page AS (SELECT id, score, date, groups FROM m WHERE {all_but()} ORDER BY {order} LIMIT %s OFFSET %s)
                SELECT 'p', array_to_string(p.groups, ','), p.id, p.score, row_number() OVER (ORDER BY {order})
                FROM page AS p
                UNION ALL
                SELECT 't', NULL, COUNT(*), COUNT(*) FILTER (WHERE cardinality(groups) = {complete}), NULL
                FROM m WHERE {all_but()}
                UNION ALL
                SELECT 'f', k.key, c.count, NULL, NULL FROM (
                    SELECT value, COUNT(*) AS count FROM ({" UNION ALL ".join(counted)}) AS c GROUP BY value
                ) AS c JOIN {KEY} AS k ON k.id = c.value
                {year_counts}
                """,
                cte_params + where_params + score_params + flag_params + [limit, offset] + counted_params,
            )
            rows = cursor.fetchall()
        page = sorted((row for row in rows if row[0] == "p"), key=lambda row: row[4])
        page = [(pk, score, groups) for _kind, groups, pk, score, _position in page]
        total, complete_count = next((count, done) for kind, _value, count, done, _position in rows if kind == "t")
        facets = {facet: [FacetCount(v, c) for v, c in cached.get(facet, [])] for facet in FACETS}
        for kind, value, count, _score, _position in rows:
            if kind == "f":
                facet, _sep, facet_value = value.partition(":")
                if facet in facets and facet not in cached:
                    facets[facet].append(FacetCount(facet_value, count))
        return self._results(query, parsed, filters, page, total, facets, complete_count)

    def _browse_counts(self, cursor):
        """(total, {facet: [(value, count)]}) of the whole index, cached until the index changes."""
        cursor.execute("SELECT last_value, txid_current_if_assigned() FROM search_index_generation")
        generation, transaction_id = cursor.fetchone()
        # An uncommitted change is seen by its own transaction only: it gets its own key.
        key = f"search:database:browse:{generation}:{transaction_id or ''}"
        found = cache.get(key)
        if found is not None:
            return found
        cursor.execute(
            f"SELECT NULL, COUNT(*) FROM {MATCH} "
            f"UNION ALL SELECT k.key, c.count FROM (SELECT f.id, COUNT(*) AS count FROM {MATCH} "
            f"CROSS JOIN LATERAL unnest(facets) AS f (id) GROUP BY f.id) AS c JOIN {KEY} AS k ON k.id = c.id"
        )
        total, counts = 0, {facet: [] for facet in FACETS}
        for value, count in cursor.fetchall():
            if value is None:
                total = count
                continue
            facet, _sep, facet_value = value.partition(":")
            if facet in counts:
                counts[facet].append((facet_value, count))
        cache.set(key, (total, counts), timeout=24 * 60 * 60)
        return total, counts

    def _facet_counts(self, cursor, match, filters):
        counts = {facet: [] for facet in FACETS}

        def collect(sql, params, only=None):
            cursor.execute(
                f"SELECT value, COUNT(*) FROM {FACET} WHERE entry_id IN (SELECT id FROM ({sql}) AS x) "
                + ("AND value >= %s AND value < %s " if only else "")
                + "GROUP BY value",
                params + ([f"{only}:", f"{only};"] if only else []),
            )
            for value, count in cursor.fetchall():
                facet, _sep, facet_value = value.partition(":")
                if facet in counts and (only is None or facet == only):
                    counts[facet].append(FacetCount(facet_value, count))

        # Facets without a chosen value all count under every filter: one query.
        # A facet with chosen values counts under the *other* filters: one query each.
        sql, params = self._matching(match, filters)
        cursor.execute(
            f"SELECT value, COUNT(*) FROM {FACET} WHERE entry_id IN (SELECT id FROM ({sql}) AS x) GROUP BY value",
            params,
        )
        for value, count in cursor.fetchall():
            facet, _sep, facet_value = value.partition(":")
            if facet in counts and facet not in filters:
                counts[facet].append(FacetCount(facet_value, count))
        for facet in filters:
            sql, params = self._matching(match, filters, skip=facet)
            collect(sql, params, only=facet)
        return counts

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
