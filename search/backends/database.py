"""Search on the site's own database: FTS5 on SQLite, full-text search on PostgreSQL.

Entries live in ``SearchEntry``; facet values in ``SearchFacetValue`` rows of
"facet:value", so that all facet counts of a search are one GROUP BY plus one
per facet with an active filter. A search costs the same few queries however
much is indexed.
"""

from itertools import islice

from django.db import connection, transaction
from django.utils.text import slugify

from ..models import SearchEntry, SearchFacetValue, SearchTerm
from ..text import STOP_WORDS, analyse, edit_distance, fold, highlight, query_terms, words
from .base import FACETS, FacetCount, Hit, SearchBackend, SearchQuery, SearchResults, Suggestion

BATCH_SIZE = 500
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacetValue._meta.db_table
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
                self._index_batch(batch)

    def _index_batch(self, documents):
        documents = list({document.key: document for document in documents}.values())
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
        self._add_terms(documents)

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
            elif self.vendor == "postgresql":
                values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
                params = [
                    value
                    for pk, d in rows
                    for value in (pk, fold(d.title), fold(d.summary), fold(d.body), fold(d.file_text))
                ]
                cursor.execute(
                    f"""
                    UPDATE {ENTRY} AS e SET
                        head = setweight(to_tsvector('dutch', v.title), 'A')
                            || setweight(to_tsvector('dutch', v.summary), 'B'),
                        vector = setweight(to_tsvector('dutch', v.title), 'A')
                            || setweight(to_tsvector('dutch', v.summary), 'B')
                            || setweight(to_tsvector('dutch', v.body), 'C')
                            || setweight(to_tsvector('dutch', v.file_text), 'D')
                    FROM (VALUES {values}) AS v (id, title, summary, body, file_text)
                    WHERE e.id = v.id
                    """,
                    params,
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
                if self.vendor == "sqlite":
                    with connection.cursor() as cursor:
                        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(ids)})", ids)
                SearchFacetValue.objects.filter(entry_id__in=ids).delete()
                SearchEntry.objects.filter(pk__in=ids).delete()

    def rebuild(self, documents, progress=None):
        count = 0
        # One transaction: searchers see the old index until the new one is complete.
        with transaction.atomic():
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_fts")
            SearchFacetValue.objects.all().delete()
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
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
            f"FROM {ENTRY} WHERE vector @@ plainto_tsquery('dutch', %s)",
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
                cursor.execute("SET LOCAL enable_seqscan = off")
            return self._search(query)

    def _search(self, query):
        terms = query_terms(query.text)
        match = self._match(terms, query.text)
        filters = {facet: tuple(values) for facet, values in query.filters.items() if facet in FACETS and values}
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
        entries = SearchEntry.objects.in_bulk([row[0] for row in page])
        hits = []
        for pk, score, _total in page:
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
        suggestion = self._suggestion(query.text, filters) if terms and total == 0 else None
        return SearchResults(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _facet_counts(self, cursor, match, filters):
        counts = {facet: [] for facet in FACETS}

        def collect(sql, params, only=None):
            cursor.execute(
                f"SELECT value, COUNT(*) FROM {FACET} WHERE entry_id IN (SELECT id FROM ({sql}) AS x) "
                + (f"AND value >= %s AND value < %s " if only else "")
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
        for facet, values in counts.items():
            values.sort(key=lambda fc: (-int(fc.value), 0) if facet == "year" else (-fc.count, fc.value))
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
            Suggestion(text=title, url=url, kind="organisation" if kind == "organisation" else "title")
            for title, url, kind in titles[: max(0, limit - len(tags))]
        ]
        suggestions += [Suggestion(text=value.partition(":")[2], kind="tag") for value in tags]
        return suggestions
