"""Everything views, the API, tasks and commands do with search goes through here."""

import dataclasses
import logging
from collections.abc import Mapping

from django.conf import settings
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from core.dates import months_before
from core.facets import Facet, Option
from core.taxonomy import Municipality, TargetGroup, Theme

from . import registry, statistics
from .backends.base import FACETS, SearchQuery, SearchResults  # noqa: F401  (re-exported for views)
from .models import EditorsPick, QueryStat, normalise_query
from .redact import redact

logger = logging.getLogger(__name__)

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
MAX_QUERY_LENGTH = 200
# The deepest result a visitor can page to: Elasticsearch returns nothing past its max_result_window.
MAX_RESULTS = 10_000
MAX_VALUES_PER_FACET = 20

FACET_LABELS = {
    "type": _("Soort"),
    "theme": _("Thema"),
    "target_group": _("Doelgroep"),
    "municipality": _("Gemeente"),
    "organisation_kind": _("Soort organisatie"),
    "tag": _("Trefwoord"),
    "year": _("Jaar"),
}
SORTS = {"relevance": _("Relevantie"), "date": _("Datum (nieuwste eerst)")}


def backend_name():
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


def get_backend(name=None):
    """The configured backend: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise."""
    return import_string(BACKENDS[name or backend_name()])()


# Queries


def parse_query(params: Mapping, limit=10):
    """A SearchQuery from request parameters (?q=&type=&theme=...&sort=&pagina=); bad values are dropped."""
    text = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    filters = {}
    for facet in FACETS:
        values = [value.strip()[:100] for value in params.getlist(facet) if value.strip()][:MAX_VALUES_PER_FACET]
        if facet == "year":
            values = [value for value in values if value.isdigit() and len(value) == 4]
        if values:
            filters[facet] = tuple(dict.fromkeys(values))
    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    try:
        page = max(1, int(params.get("pagina", 1)))
    except (TypeError, ValueError):
        page = 1
    page = min(page, max_page(MAX_RESULTS, limit))
    return SearchQuery(text=text, filters=filters, sort=sort, offset=(page - 1) * limit, limit=limit)


def max_page(total, limit):
    """The last page that shows results, of at most MAX_RESULTS."""
    return max(1, -(-min(total, MAX_RESULTS) // limit))


def run(query, backend=None, log=True):
    """Search; past the last page, the last page. Logs the query for the analytics (no personal data)."""
    backend = backend or get_backend()
    first_page = not query.offset
    results = backend.search(query)
    if not results.hits and results.total and query.offset:
        last_offset = (max_page(results.total, query.limit) - 1) * query.limit
        query = dataclasses.replace(query, offset=last_offset)
        results = backend.search(query)
    if log and query.text and first_page:
        log_query(query.text, found=results.total > 0)
    return query, results


def organisation_group(query, backend=None, limit=3):
    """The best matching organisation profiles for a query, for a compact group beside the material.

    (SearchResults of at most ``limit`` organisations, the query's other filters kept; None when
    the query has no text or already chooses a type.) Link "all of them" to the social map.
    """
    if not query.text or query.filters.get("type"):
        return None
    backend = backend or get_backend()
    filters = dict(query.filters) | {"type": ("organisation",)}
    return backend.search(dataclasses.replace(query, filters=filters, offset=0, limit=limit))


# Labels: every taxonomy is read once per request, only for the values shown.


def labels_for(results_facets, hits, suggestions=(), filters=None):
    # Only the values shown: the first of each facet, and the chosen ones.
    wanted = {facet: {fc.value for fc in counts[:MAX_VALUES_PER_FACET]} for facet, counts in results_facets.items()}
    for facet, values in (filters or {}).items():
        wanted.setdefault(facet, set()).update(values)
    wanted.setdefault("theme", set()).update(slug for hit in hits for slug in hit.themes)
    wanted.setdefault("tag", set()).update(s.text for s in suggestions if s.kind == "tag")
    labels = {"type": dict(registry.type_labels()), "year": {}}
    labels |= registry.facet_labels()
    for facet, model in (("theme", Theme), ("target_group", TargetGroup), ("municipality", Municipality), ("tag", Tag)):
        slugs = wanted.get(facet) or set()
        labels[facet] = dict(model.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
    return labels


def label(labels, facet, value):
    return str(labels.get(facet, {}).get(value) or value)


def facet_list(query, results, labels):
    """The facets as core.facets.Facet for includes/facets.html, chosen values always shown."""
    facets = []
    for facet in FACETS:
        counts = {fc.value: fc.count for fc in results.facets.get(facet, [])}
        chosen = query.filters.get(facet, ())
        values = list(counts)[:MAX_VALUES_PER_FACET] + [value for value in chosen if value not in counts]
        options = [
            Option(value=value, label=label(labels, facet, value), count=counts.get(value, 0), selected=value in chosen)
            for value in dict.fromkeys(values)
            if counts.get(value) or value in chosen
        ]
        facets.append(Facet(facet, FACET_LABELS[facet], options))
    return facets


def editors_picks(text):
    key = normalise_query(text)
    if not key:
        return []
    # A pick of a page shows only while that page is one a searcher could find.
    return list(
        EditorsPick.objects.filter(query_key=key)
        .filter(Q(page__isnull=True) | Q(page__in=registry.visible_pages(Page)))
        .select_related("page")
    )


def suggest(prefix, limit=8, backend=None):
    """Autocomplete: titles, organisations and tags that start with what was typed."""
    backend = backend or get_backend()
    prefix = " ".join(prefix.split())[:MAX_QUERY_LENGTH]
    try:
        suggestions = backend.suggest(prefix, limit)
    except Exception:  # a search outage must not break typing in the search box
        logger.exception("Suggestions from the %s search backend failed.", backend.name)
        return []
    if not any(s.kind == "tag" for s in suggestions):
        return suggestions
    labels = labels_for({}, [], suggestions)
    search_url = reverse("search:search")
    return [
        dataclasses.replace(s, text=label(labels, "tag", s.text), url=s.url or f"{search_url}?tag={s.text}")
        if s.kind == "tag"
        else s
        for s in suggestions
    ]


# Analytics


def log_query(text, found):
    """Count the query for today; nothing about who searched is kept, nor an address or phone number typed in.
    Counted in memory and written in batches (search/statistics.py)."""
    query = normalise_query(redact(text))
    if query:
        statistics.tally.add(timezone.localdate(), query, 0 if found else 1)


def purge_query_statistics(today=None):
    """Delete daily query counts older than SEARCH_STATISTICS_RETENTION_MONTHS.

    Queries are stored without who searched, but people sometimes type a name; so they are not kept forever.
    """
    cutoff = months_before(today or timezone.localdate(), settings.SEARCH_STATISTICS_RETENTION_MONTHS)
    deleted, _counts = QueryStat.objects.filter(day__lt=cutoff).delete()
    return deleted


def query_report(start, end, limit=50):
    """The most searched queries and those that found nothing, between two dates (inclusive)."""
    statistics.tally.flush()  # this process's latest counts too
    stats = QueryStat.objects.filter(day__gte=start, day__lte=end).values("query")
    top = stats.annotate(total=Sum("searches"), empty_total=Sum("empty")).order_by("-total", "query")[:limit]
    empty = (
        stats.annotate(total=Sum("searches"), empty_total=Sum("empty"))
        .filter(empty_total__gt=0)
        .order_by("-empty_total", "query")[:limit]
    )
    totals = QueryStat.objects.filter(day__gte=start, day__lte=end).aggregate(
        searches=Sum("searches"), empty=Sum("empty")
    )
    return {
        "top": list(top),
        "empty": list(empty),
        "searches": totals["searches"] or 0,
        "empty_searches": totals["empty"] or 0,
    }


# Indexing


def documents_for(adapter, pks=None):
    queryset = adapter.index_queryset()
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    for obj in queryset.iterator(chunk_size=500) if pks is None else queryset:
        yield adapter.to_document(obj)


def all_documents():
    for adapter in registry.adapters():
        yield from documents_for(adapter)


def count_documents():
    return sum(adapter.queryset().count() for adapter in registry.adapters())


def sync(model_label, pks, backend=None):
    """Bring these objects in the index up to date: public ones (re)indexed, the others removed."""
    adapter = registry.adapter_for_key(f"{model_label}:")
    if adapter is None:
        return 0
    backend = backend or get_backend()
    pks = list(dict.fromkeys(pks))
    documents = list(documents_for(adapter, pks))
    present = {document.key for document in documents}
    gone = [adapter.key(pk) for pk in pks if adapter.key(pk) not in present]
    if documents:
        backend.index(documents)
    if gone:
        backend.delete(gone)
    return len(documents)


def rebuild(backend=None, progress=None):
    backend = backend or get_backend()
    return backend.rebuild(all_documents(), progress=progress)
