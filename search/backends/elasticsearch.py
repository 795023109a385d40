"""Search through Elasticsearch, used when ``ELASTICSEARCH_URL`` is set.

Searchers always read the alias ``<prefix>-search``; it points at one concrete
index ``<prefix>-search-<timestamp>``. ``rebuild`` fills a new index and moves
the alias over in one atomic step, so a reindex never shows a half-empty site.

Text is analysed as Dutch (Elasticsearch's ``dutch`` analyzer rebuilt as a
custom analyzer with ``asciifolding``, so "financiele" finds "financiële").
Facet counts come from one filter aggregation per facet holding the *other*
active filters, while the hits themselves are narrowed by ``post_filter``.

Failing to reach the cluster raises ``SearchUnavailable`` (logged); the
index-update tasks retry on it and the views show a friendly message.
"""

from __future__ import annotations

import datetime
import html
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils import timezone
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import Completion, Date, Document, Index, Keyword, Q, Text, analyzer, token_filter
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from .. import query as parser
from ..models import SynonymGroup
from ..text import highlight, one_line, parts_text
from .base import (
    FACETS,
    FacetCount,
    Hit,
    SearchBackend,
    SearchDocument,
    SearchQuery,
    SearchResults,
    Suggestion,
    suggestion_kind,
)

logger = logging.getLogger(__name__)

DEFAULT_URL = "http://localhost:9200"
DEFAULT_INDEX_PREFIX = "kennisplatform"

# Statuses after which trying again later can help (overloaded or restarting cluster).
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
BULK_CHUNK = 500
FACET_SIZE = 500  # more values than any facet has (there are 342 municipalities)
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
SNIPPET_LENGTH = 220
MAX_TAG_SUGGESTIONS = 3
MAX_COMPLETION_INPUTS = 16  # a title and its tails from the 2nd to the 16th word
# Highlight markers that cannot occur in text: the fragments are HTML-escaped
# here, not by the engine, and the markers become <mark> afterwards.
MARK_START, MARK_END = "\ue000", "\ue001"

FACET_FIELDS = {
    "type": "type",
    "theme": "themes",
    "target_group": "target_groups",
    "municipality": "municipalities",
    "organisation_kind": "organisation_kind",
    "tag": "tags",
    "year": "year",
}
assert set(FACET_FIELDS) == set(FACETS)


class SearchUnavailable(Exception):
    """Elasticsearch could not be reached or is overloaded; the same call may succeed later."""


def folded_analyzer():
    """Lower case without accents, no stemming: for autocomplete and "bedoelde u" terms."""
    return analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


def dutch_analyzer(stems_dutch=True):
    """Elasticsearch's built-in ``dutch`` analyzer, rebuilt so that it also folds accents."""
    filters = ["lowercase", token_filter("dutch_stop", "stop", stopwords="_dutch_"), "asciifolding"]
    if stems_dutch:
        filters += [
            # The built-in analyzer's exceptions: keep these words from being over-stemmed.
            token_filter(
                "dutch_override",
                "stemmer_override",
                rules=["fiets=>fiets", "bromfiets=>bromfiets", "ei=>eier", "kind=>kinder"],
            ),
            token_filter("dutch_stemmer", "stemmer", language="dutch"),
        ]
    return analyzer("platform_dutch", tokenizer="standard", filter=filters)


class ItemDocument(Document):
    """One search item. Analyzers are named here and defined per index (see ``_new_index``)."""

    key = Keyword()
    type = Keyword()
    url = Keyword(index=False)
    title = Text(analyzer="platform_dutch", copy_to="spelling")
    summary = Text(analyzer="platform_dutch", copy_to="spelling")
    body = Text(analyzer="platform_dutch", copy_to="spelling")
    file_text = Text(analyzer="platform_dutch")
    # Theme, target group and tag names, and the parts of compound words (search.compounds).
    keywords = Text(analyzer="platform_dutch")
    title_parts = Text(analyzer="platform_dutch")
    text_parts = Text(analyzer="platform_dutch")
    # Unstemmed words of title, summary and body for the term suggester.
    spelling = Text(analyzer="folded")
    date = Date()
    themes = Keyword(multi=True)
    target_groups = Keyword(multi=True)
    municipalities = Keyword(multi=True)
    organisation_kind = Keyword()
    tags = Keyword(multi=True)
    year = Keyword()
    complete_title = Completion(analyzer="folded")
    complete_organisation = Completion(analyzer="folded")
    complete_tag = Completion(analyzer="folded")

    @classmethod
    def from_search_document(cls, doc: SearchDocument) -> ItemDocument:
        completion = {"complete_tag": list(doc.tags)}
        inputs = _completion_inputs(doc.title)
        completion["complete_organisation" if doc.type == "organisation" else "complete_title"] = inputs
        return cls(
            meta={"id": doc.key},
            key=doc.key,
            type=doc.type,
            url=doc.url,
            title=doc.title,
            summary=doc.summary,
            body=doc.body,
            file_text=doc.file_text,
            keywords=doc.keywords,
            title_parts=parts_text(doc.title),
            text_parts=parts_text(" ".join((doc.summary, doc.body, doc.file_text))),
            date=doc.date,
            themes=list(doc.themes),
            target_groups=list(doc.target_groups),
            municipalities=list(doc.municipalities),
            organisation_kind=list(doc.organisation_kind),
            tags=list(doc.tags),
            year=str(doc.year) if doc.year else None,
            **completion,
        )


def _completion_inputs(title):
    """The title, and the title from each later word on, so "schul" also completes "Hulp bij schulden"."""
    words = title.split()
    inputs = [title] + [" ".join(words[i:]) for i in range(1, len(words))]
    return list(dict.fromkeys(inputs))[:MAX_COMPLETION_INPUTS]


def _without_credentials(url):
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _reporting_failures(action):
    """Turn "cluster unreachable or overloaded" into a logged SearchUnavailable."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (TransportConnectionError, ConnectionTimeout) as error:
                logger.error("Elasticsearch at %s unreachable while %s: %s", self.safe_url, action, error)
                raise SearchUnavailable(f"Elasticsearch at {self.safe_url} is unreachable ({action})") from error
            except ApiError as error:
                if error.status_code in RETRYABLE_STATUSES:
                    logger.error(
                        "Elasticsearch at %s answered %s while %s: %s", self.safe_url, error.status_code, action, error
                    )
                    raise SearchUnavailable(
                        f"Elasticsearch at {self.safe_url} answered {error.status_code} ({action})"
                    ) from error
                logger.exception("Elasticsearch refused a request while %s", action)
                raise
            except BulkIndexError as error:
                logger.error(
                    "Elasticsearch refused %d documents while %s: %s", len(error.errors), action, error.errors[:3]
                )
                raise

        return wrapper

    return decorate


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url=None, index_prefix=None, *, stems_dutch=True, **client_kwargs):
        """``stems_dutch=False`` leaves out the Dutch stemmer, for engines that lack one.

        Extra keyword arguments go to the ``Elasticsearch`` client (e.g. ``node_class``,
        ``api_key``, ``ca_certs``).
        """
        self.url = url or getattr(settings, "ELASTICSEARCH_URL", "") or DEFAULT_URL
        self.safe_url = _without_credentials(self.url)
        prefix = index_prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or DEFAULT_INDEX_PREFIX
        self.alias = f"{prefix}-search"
        self.building_alias = f"{prefix}-search-building"
        self.stems_dutch = stems_dutch
        client_kwargs.setdefault("request_timeout", 10)
        client_kwargs.setdefault("max_retries", 2)
        client_kwargs.setdefault("retry_on_timeout", True)
        self.client = Elasticsearch(self.url, **client_kwargs)

    # Indexes ---------------------------------------------------------------

    def _new_index(self, aliases=()):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        index = Index(f"{self.alias}-{stamp}", using=self.client)
        index.settings(number_of_shards=1, max_result_window=MAX_RESULT_WINDOW)
        index.analyzer(dutch_analyzer(self.stems_dutch))
        index.analyzer(folded_analyzer())
        index.document(ItemDocument)
        index.aliases(**{alias: {} for alias in aliases})
        index.create()
        return index._name

    def _indices(self):
        """{index name: its aliases} for every index of this backend."""
        found = self.client.indices.get_alias(index=f"{self.alias}-*").body
        return {name: set(info.get("aliases", {})) for name, info in found.items()}

    def _write_targets(self, create=False):
        """(live indices, indices being built): changes go to both."""
        indices = self._indices()
        live = [name for name, aliases in indices.items() if self.alias in aliases]
        if not live and create:
            live = [self._new_index(aliases=[self.alias])]
            logger.info("Created Elasticsearch index %s behind alias %s", live[0], self.alias)
        return live, [name for name, aliases in indices.items() if self.building_alias in aliases]

    def _send(self, make_actions, live, building):
        # wait_for: what an editor just published is findable when the task ends. Not on
        # an index being built: its refreshes are off, so wait_for would wait for the swap.
        for targets, refresh in ((live, "wait_for"), (building, False)):
            if targets:
                for _done in self._bulk(make_actions(targets), refresh=refresh):
                    pass

    def _bulk(self, actions, refresh=False) -> Iterator[int]:
        """Send actions in chunks; yields the number of actions done after each chunk."""
        done = 0
        # 404 on delete is fine (unknown keys are ignored); 429s are retried by the helper.
        for _ok, _item in streaming_bulk(
            self.client,
            actions,
            chunk_size=BULK_CHUNK,
            max_retries=3,
            raise_on_error=True,
            raise_on_exception=True,
            refresh=refresh,
            ignore_status=(404,),
        ):
            done += 1
            if done % BULK_CHUNK == 0:
                yield done
        if done % BULK_CHUNK:
            yield done

    @staticmethod
    def _index_action(doc, index_name):
        return ItemDocument.from_search_document(doc).to_dict(include_meta=True, skip_empty=True) | {
            "_index": index_name
        }

    @_reporting_failures("indexing")
    def index(self, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        if documents:
            self._send(
                lambda targets: (self._index_action(doc, target) for doc in documents for target in targets),
                *self._write_targets(create=True),
            )

    @_reporting_failures("deleting")
    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            self._send(
                lambda targets: ({"_op_type": "delete", "_index": t, "_id": key} for key in keys for t in targets),
                *self._write_targets(),
            )

    @_reporting_failures("rebuilding the index")
    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        # The building alias lets index() and delete() reach the new index while it fills,
        # so that what is published during a rebuild is not lost at the swap.
        name = self._new_index(aliases=[self.building_alias])
        count = 0
        try:
            # No refreshes while filling an index nobody searches yet.
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
            for count in self._bulk(self._index_action(doc, name) for doc in documents):
                if progress:
                    progress(count)
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=name)
            old = [index for index, aliases in self._indices().items() if self.alias in aliases]
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            actions.append({"remove": {"index": name, "alias": self.building_alias}})
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
        except Exception:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        # Old indices, and any left behind by an interrupted rebuild. By name: clusters
        # refuse wildcard deletes (action.destructive_requires_name).
        leftovers = sorted(index for index in self._indices() if index != name)
        if leftovers:
            self.client.indices.delete(index=",".join(leftovers), ignore_unavailable=True)
        logger.info("Rebuilt Elasticsearch index %s with %d documents; removed %s", name, count, leftovers)
        return count

    def drop(self):
        """Delete every index of this backend, and with them the aliases (tests and uninstalling)."""
        names = sorted(self._indices())
        if names:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)

    # Searching -------------------------------------------------------------

    def _search(self, fields=False):
        """A search on the alias returning only these source fields.

        Always sets the source explicitly: ``Document.search()`` otherwise sends
        ``exclude_vectors``, which OpenSearch-compatible engines refuse.
        """
        return ItemDocument.search(using=self.client, index=self.alias).source(fields)

    def _filter(self, field, values):
        return Q("terms", **{field: list(values)})

    @_reporting_failures("searching")
    def search(self, query: SearchQuery) -> SearchResults:
        text = " ".join(query.text.split())
        parsed = parser.parse(text, SynonymGroup.table()) if text else parser.ParsedQuery()
        active = {
            facet: self._filter(FACET_FIELDS[facet], values)
            for facet, values in query.filters.items()
            if facet in FACET_FIELDS and values
        }
        search = self._search(["key", "type", "title", "url", "summary", "body", "date", "themes"])
        if parsed:
            search = search.query(self._text_query(parsed))
            # Summary and body are highlighted here, compound parts included; the engine only the file text.
            search = search.highlight(
                "file_text", fragment_size=SNIPPET_LENGTH, number_of_fragments=1,
                pre_tags=[MARK_START], post_tags=[MARK_END],
            )  # fmt: skip
        if parsed.groups:
            search = search.suggest("spelling", text, term={"field": "spelling", "suggest_mode": "missing"})
            every_word = Q("bool", filter=list(active.values()), must=self._groups(parsed))
            search.aggs.bucket("complete", "filter", filter=every_word)
        if active:
            search = search.post_filter("bool", filter=list(active.values()))
        for facet in FACETS:
            others = [clause for name, clause in active.items() if name != facet]
            bucket = search.aggs.bucket(facet, "filter", filter=Q("bool", filter=others))
            bucket.bucket("values", "terms", field=FACET_FIELDS[facet], size=FACET_SIZE)
        if query.sort == "date" or not parsed.groups:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score", "key")
        else:
            search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}}, "key")
        start = min(max(query.offset, 0), MAX_RESULT_WINDOW)
        size = max(0, min(query.limit, MAX_RESULT_WINDOW - start))
        search = search.extra(from_=start, size=size, track_total_hits=True)

        try:
            response = search.execute()
        except NotFoundError:  # nothing indexed yet
            return SearchResults(hits=[], total=0, facets={facet: [] for facet in FACETS})
        total = response.hits.total.value
        hits = [self._hit(hit, parsed) for hit in response.hits]
        facets = {}
        for facet in FACETS:
            buckets = response.aggregations[facet]["values"]["buckets"]
            counts = [FacetCount(str(bucket["key"]), bucket["doc_count"]) for bucket in buckets]
            # Years newest first, other values most frequent first (as the database backend does).
            order = (lambda c: -int(c.value)) if facet == "year" else (lambda c: (-c.count, c.value))
            facets[facet] = sorted(counts, key=order)
        suggestion, complete = None, None
        if parsed.groups:
            complete = response.aggregations["complete"]["doc_count"]
            if not complete:
                suggestion = self._spelling_suggestion(text, response, active)
        return SearchResults(hits=hits, total=total, facets=facets, suggestion=suggestion, complete=complete)

    @staticmethod
    def _alternative(alternative, field):
        if alternative.phrase:
            return Q("match_phrase", **{field: alternative.text})
        return Q("match", **{field: {"query": alternative.text, "operator": "and"}})

    @classmethod
    def _groups(cls, parsed):
        """One query per group: it matches when any alternative does, scoring the best field's weight."""
        return [
            Q(
                "dis_max",
                queries=[
                    Q("constant_score", filter=cls._alternative(alternative, field), boost=parser.GROUP_SCORE + weight)
                    for field, weight in parser.FIELD_WEIGHTS.items()
                    for alternative in group.alternatives
                ],
                tie_breaker=0,
                _name=f"g{index}",
            )
            for index, group in enumerate(parsed.groups)
        ]

    @classmethod
    def _text_query(cls, parsed):
        """Any group must match; each adds its score, so items with more of the words come first."""
        must_not = [
            cls._alternative(alternative, field) for alternative in parsed.excluded for field in parser.FIELD_WEIGHTS
        ]
        if not parsed.groups:
            return Q("bool", must=[Q("match_all")], must_not=must_not)
        should = []
        if parsed.plain_words:
            words = " ".join(
                group.alternatives[0].text for group in parsed.groups if len(group.alternatives[0].stems) == 1
            )
            for slop, boost in (
                (parser.NEAR_DISTANCE, parser.NEAR_BONUS),
                (0, parser.PHRASE_BONUS - parser.NEAR_BONUS),
            ):
                should.append(
                    Q(
                        "constant_score",
                        filter=Q("bool", should=[
                            Q("match_phrase", **{field: {"query": words, "slop": slop}})
                            for field in ("title", "summary", "body", "file_text")
                        ]),
                        boost=boost,
                    )
                )  # fmt: skip
        # The penalties as bonuses for the others (scores cannot go below zero).
        organisation = Q("term", type="organisation")
        past = Q("bool", filter=[Q("term", type="event"), Q("range", date={"lt": timezone.localdate().isoformat()})])
        should.append(Q("constant_score", filter=Q("bool", must_not=[organisation]), boost=parser.ORGANISATION_PENALTY))
        should.append(Q("constant_score", filter=Q("bool", must_not=[past]), boost=parser.PAST_EVENT_PENALTY))
        return Q(
            "bool",
            must=[Q("bool", should=cls._groups(parsed), minimum_should_match=1)],
            should=should,
            must_not=must_not,
        )

    @staticmethod
    def _hit(hit, parsed):
        source = hit.to_dict()
        snippet = highlight([source.get("summary") or "", source.get("body") or ""], parsed.stems)
        file_fragment = getattr(getattr(hit.meta, "highlight", None), "file_text", None)
        if parsed.stems and "<mark>" not in snippet and file_fragment:
            snippet = html.escape(one_line(file_fragment[0])).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        date = source.get("date")
        if isinstance(date, datetime.datetime):
            date = date.date()
        elif isinstance(date, str):
            date = datetime.date.fromisoformat(date[:10])
        matched = set(getattr(hit.meta, "matched_queries", None) or ())
        return Hit(
            key=source["key"],
            type=source["type"],
            title=source["title"],
            url=source["url"],
            snippet=snippet,
            score=float(hit.meta.score or 0.0),
            date=date,
            themes=tuple(source.get("themes") or ()),
            missing=tuple(group.label for i, group in enumerate(parsed.groups) if f"g{i}" not in matched),
            past=source["type"] == "event" and date is not None and date < timezone.localdate(),
        )

    def _spelling_suggestion(self, text, response, active):
        """The query with unknown words replaced by the most likely known ones, if that finds anything."""
        corrected = text
        entries = sorted(response.suggest.spelling, key=lambda e: e.offset, reverse=True)
        for entry in entries:
            if entry.options:
                start, end = entry.offset, entry.offset + entry.length
                corrected = corrected[:start] + entry.options[0].text + corrected[end:]
        if corrected.casefold() == text.casefold():
            return None
        corrected_query = parser.parse(corrected, SynonymGroup.table())
        check = self._search().query(Q("bool", must=self._groups(corrected_query)))
        if active:
            check = check.filter("bool", filter=list(active.values()))
        return corrected if check.extra(size=0, terminate_after=1).execute().hits.total.value else None

    @_reporting_failures("completing")
    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        prefix = " ".join(prefix.split())
        if len(prefix) < 2 or limit <= 0:
            return []
        kinds = {"title": "complete_title", "organisation": "complete_organisation", "tag": "complete_tag"}
        sizes = {"title": limit, "organisation": limit, "tag": MAX_TAG_SUGGESTIONS}
        search = self._search(["title", "url", "type"]).extra(size=0)
        for kind, field in kinds.items():
            search = search.suggest(
                kind, prefix, completion={"field": field, "size": sizes[kind], "skip_duplicates": True}
            )
        try:
            response = search.execute()
        except NotFoundError:  # nothing indexed yet
            return []
        tags = [Suggestion(text=option.text, kind="tag") for option in response.suggest.tag[0].options]
        # Titles before organisations, tags last; titles and organisations leave room for the tags.
        found, seen = [], set()
        for kind in ("title", "organisation"):
            for option in response.suggest[kind][0].options:
                # The option's text may be a tail of the title; show the whole title, once.
                if option._id not in seen:
                    seen.add(option._id)
                    found.append(
                        Suggestion(
                            text=option._source.title, url=option._source.url, kind=suggestion_kind(option._source.type)
                        )
                    )
        return found[: max(0, limit - len(tags))] + tags[:limit]
