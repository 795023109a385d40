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
from itertools import islice

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.text import slugify

from ..models import SearchEntry, SearchFacetValue, SearchTerm
from ..text import STOP_WORDS, analyse, edit_distance, fold, highlight, query_terms, words
from .base import FACETS, FacetCount, Hit, SearchBackend, SearchQuery, SearchResults, Suggestion, suggestion_kind

BATCH_SIZE = 500
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
# PostgreSQL only (migration 0005): what a search matches and counts, and the numbers of the facet keys.
MATCH = "search_entry_match"
KEY = "search_facet_key"
# Words of a body beyond this many characters add nothing new to the typo dictionary.
TERM_SOURCE_CHARS = 20_000
# PostgreSQL's ts_rank weights for {D, C, B, A}; only A (title) and B (summary) are in the ranked vector.
PG_WEIGHTS = "{0.05, 0.1, 0.5, 1.0}"
PG_BODY_SCORE = 0.001
# SQLite's bm25 weights per FTS5 column: title, summary, body, file_text.
FTS_WEIGHTS = "10.0, 5.0, 1.0, 0.5"


def _batches(iterable, size=BATCH_SIZE):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _facet_key(facet, value):
    return f"{facet}:{value}"[:200]


# Facet ids of the given "facet:value" keys, as an SQL array computed once per statement.
KEY_IDS = f"ARRAY(SELECT id FROM {KEY} WHERE key = ANY(%s::text[]))"


def _active(filters):
    return {facet: tuple(values) for facet, values in filters.items() if facet in FACETS and values}


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


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
            match_rows += [d.key, d.date, fold(d.title), fold(d.summary), fold(d.body), fold(d.file_text), keys]
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
            # The title and summary vector is computed once: ranked on its own, and part of the full vector.
            cursor.execute(
                f"""
                INSERT INTO {MATCH} (id, date, facets, head, vector)
                SELECT e.id, v.date::date, {KEY_IDS.replace("%s", "v.keys")}, head,
                    head || setweight(to_tsvector('dutch', f_body), 'C') || setweight(to_tsvector('dutch', f_file), 'D')
                FROM (
                    SELECT *, setweight(to_tsvector('dutch', f_title), 'A')
                        || setweight(to_tsvector('dutch', f_summary), 'B') AS head
                    FROM (VALUES {", ".join(["(%s, %s, %s, %s, %s, %s, %s::text[])"] * len(documents))})
                        AS v (key, date, f_title, f_summary, f_body, f_file, keys)
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
                for entry, document in zip(entries, documents)
                for facet, values in document.facet_values().items()
                for value in dict.fromkeys(values)
            ]
        )
        self._write_full_text(list(zip(ids, documents)))

    def _write_full_text(self, rows):
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                ids = [pk for pk, _d in rows]
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(ids)})", ids)
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, title, summary, body, file_text) VALUES (%s, %s, %s, %s, %s)",
                    [
                        (pk, *(" ".join(analyse(text)) for text in (d.title, d.summary, d.body, d.file_text)))
                        for pk, d in rows
                    ],
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

    def _match(self, terms, text):
        """(SQL selecting "id, score" of entries matching the text, params); None without a text."""
        if not terms:
            return None
        if self.vendor == "sqlite":
            expression = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
            return (
                f"SELECT rowid AS id, -bm25(search_fts, {FTS_WEIGHTS}) AS score FROM search_fts WHERE search_fts MATCH %s",
                [expression],
            )
        # Ranked on title and summary only (see migration 0002); a match in body or file text alone
        # scores the small constant, below any title or summary match.
        return (
            f"SELECT id, {PG_BODY_SCORE} + ts_rank('{PG_WEIGHTS}', head, plainto_tsquery('dutch', %s)) AS score "
            f"FROM {MATCH} WHERE vector @@ plainto_tsquery('dutch', %s)",
            [fold(text), fold(text)],
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

    def _matching(self, match, filters, skip=None):
        """SQL selecting "id, score" of every entry matching the text and the filters (but ``skip``)."""
        base_sql, base_params = match or (f"SELECT id, 0.0 AS score FROM {ENTRY}", [])
        conditions, params = self._filters(filters, skip)
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        return f"SELECT m.id, m.score FROM ({base_sql}) AS m{where}", base_params + params

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
        terms = query_terms(query.text)
        match = self._match(terms, query.text)
        filters = _active(query.filters)
        matching_sql, params = self._matching(match, filters)
        if query.sort == "date" or match is None:
            order = "e.date DESC NULLS LAST, e.id DESC"
        else:
            order = "r.score DESC, e.date DESC NULLS LAST, e.id DESC"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, r.score, COUNT(*) OVER () FROM ({matching_sql}) AS r "
                f"JOIN {ENTRY} AS e ON e.id = r.id ORDER BY {order} LIMIT %s OFFSET %s",
                params + [max(0, query.limit), max(0, query.offset)],
            )
            page = cursor.fetchall()
            if page:
                total = page[0][2]
            else:
                cursor.execute(f"SELECT COUNT(*) FROM ({matching_sql}) AS r", params)
                total = cursor.fetchone()[0]
            facets = self._facet_counts(cursor, match, filters)
        return self._results(query, terms, filters, [(pk, score) for pk, score, _total in page], total, facets)

    def _results(self, query, terms, filters, page, total, facets):
        """SearchResults from the page's (id, score) rows in order."""
        entries = SearchEntry.objects.in_bulk([pk for pk, _score in page])
        hits = []
        for pk, score in page:
            entry = entries.get(pk)
            if entry is None:
                continue
            hits.append(
                Hit(
                    key=entry.key,
                    type=entry.type,
                    title=entry.title,
                    url=entry.url,
                    snippet=highlight([entry.summary, entry.body, entry.file_text], terms),
                    score=float(score or 0.0),
                    date=entry.date,
                    themes=tuple(entry.themes),
                )
            )
        for facet, values in facets.items():
            values.sort(key=lambda fc: (-int(fc.value), 0) if facet == "year" else (-fc.count, fc.value))
        suggestion = self._suggestion(query.text, filters) if terms and total == 0 else None
        return SearchResults(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _search_postgresql(self, query):
        """The text is matched once: one statement gives the page, the total and all facet counts.

        ``m`` holds every entry that matches the text and could count in some facet:
        with filters on several facets, those meeting all of them but at most one
        (a facet counts under the *other* filters). Each row carries one flag per
        filtered facet, so each count picks its rows from ``m`` without matching again.
        """
        terms = query_terms(query.text)
        filters = _active(query.filters)
        keys = {facet: [_facet_key(facet, value) for value in values] for facet, values in filters.items()}
        limit, offset = max(0, query.limit), max(0, query.offset)
        newest = "date DESC NULLS LAST, id DESC"
        with connection.cursor() as cursor:
            if not terms and not keys:
                cursor.execute(f"SELECT id, 0.0 FROM {MATCH} ORDER BY {newest} LIMIT %s OFFSET %s", [limit, offset])
                page = cursor.fetchall()
                total, browse = self._browse_counts(cursor)
                facets = {facet: [FacetCount(v, c) for v, c in browse[facet]] for facet in FACETS}
                return self._results(query, terms, filters, page, total, facets)
            cached = {}
            if not terms and len(keys) == 1:
                # A lone filter's own facet counts under no filter at all: the unfiltered counts.
                (only,) = keys
                cached[only] = self._browse_counts(cursor)[1][only]

            def flag(facet):
                return f"f_{FACETS.index(facet)}"

            def all_but(skip=None):
                return " AND ".join([flag(facet) for facet in keys if facet != skip] or ["TRUE"])

            select_params, where, where_params = [], [], []
            ranked = bool(terms) and query.sort != "date"
            if ranked:
                score = f"({PG_BODY_SCORE} + ts_rank('{PG_WEIGHTS}', head, plainto_tsquery('dutch', %s)))::float8"
                select_params.append(fold(query.text))
            else:
                score = "0.0::float8"
            if terms:
                where.append("vector @@ plainto_tsquery('dutch', %s)")
                where_params.append(fold(query.text))
            flags = "".join(f", facets && {KEY_IDS} AS {flag(facet)}" for facet in keys)
            select_params += list(keys.values())
            # With a text, the text alone picks the rows (the flags sort them): the planner cannot
            # tell how many rows a filter's ids match, and would rather scan the filters' index
            # and then read the out-of-line vector of every row they match.
            if len(keys) == 1 and not terms:
                where.append(f"facets && {KEY_IDS}")
                where_params += list(keys.values())
            elif len(keys) > 1 and not terms:
                where.append(
                    "("
                    + " OR ".join(
                        "(" + " AND ".join([f"facets && {KEY_IDS}"] * (len(keys) - 1)) + ")" for _skip in keys
                    )
                    + ")"
                )
                where_params += [keys[facet] for skip in keys for facet in keys if facet != skip]
            order = f"score DESC, {newest}" if ranked else newest
            # Sorted by date, only the page's ten rows are ranked (the score a hit shows).
            page_score = "p.score"
            page_params = []
            if terms and not ranked:
                page_score = (
                    f"({PG_BODY_SCORE} + ts_rank('{PG_WEIGHTS}', (SELECT head FROM {MATCH} WHERE id = p.id), "
                    "plainto_tsquery('dutch', %s)))::float8"
                )
                page_params.append(fold(query.text))
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
            cursor.execute(
                f"""
                WITH m AS MATERIALIZED (
                    SELECT id, date, {score} AS score, facets{flags}
                    FROM {MATCH} WHERE {" AND ".join(where) or "TRUE"}
                ),
                page AS (SELECT id, score, date FROM m WHERE {all_but()} ORDER BY {order} LIMIT %s OFFSET %s)
                SELECT 'p', NULL, p.id, {page_score}, row_number() OVER (ORDER BY {order}) FROM page AS p
                UNION ALL
                SELECT 't', NULL, COUNT(*), NULL, NULL FROM m WHERE {all_but()}
                UNION ALL
                SELECT 'f', k.key, c.count, NULL, NULL FROM (
                    SELECT value, COUNT(*) AS count FROM ({" UNION ALL ".join(counted)}) AS c GROUP BY value
                ) AS c JOIN {KEY} AS k ON k.id = c.value
                {year_counts}
                """,
                select_params + where_params + [limit, offset] + page_params + counted_params,
            )
            rows = cursor.fetchall()
        page = sorted((row for row in rows if row[0] == "p"), key=lambda row: row[4])
        page = [(pk, score) for _kind, _value, pk, score, _position in page]
        total = next(count for kind, _value, count, _score, _position in rows if kind == "t")
        facets = {facet: [FacetCount(v, c) for v, c in cached.get(facet, [])] for facet in FACETS}
        for kind, value, count, _score, _position in rows:
            if kind == "f":
                facet, _sep, facet_value = value.partition(":")
                if facet in facets and facet not in cached:
                    facets[facet].append(FacetCount(facet_value, count))
        return self._results(query, terms, filters, page, total, facets)

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
        query_words = [word for word in words(text)]
        unknown = [word for word in query_words if word not in STOP_WORDS and len(word) >= 3 and not word.isdigit()]
        if not unknown:
            return None
        known = set(SearchTerm.objects.filter(word__in=unknown).values_list("word", flat=True))
        unknown = [word for word in unknown if word not in known]
        if not unknown:
            return None
        from django.db.models import Q

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
        match = self._match(query_terms(corrected), corrected)
        sql, params = self._matching(match, filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM ({sql}) AS r LIMIT 1", params)
            found = cursor.fetchone()
        return corrected if found else None

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
