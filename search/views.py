import dataclasses

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.pagination import PAGE_PARAM
from core.siteurl import absolute_url

from . import services
from .backends.base import FACETS

RESULTS_PER_PAGE = 10
API_RESULTS_PER_PAGE = 20


class _Window:
    """The hits of one page posing as the whole result list, for Django's Paginator."""

    def __init__(self, hits, total):
        self.hits, self.total = hits, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, _slice):
        return self.hits


def _search(request, per_page):
    query = services.parse_query(request.GET, limit=per_page)
    fallback = None
    try:
        query, results = services.run(query)
        if not results.total and results.suggestion:
            # Typo tolerance: show what the nearest known words find, and say so.
            fallback = results.suggestion
            # Same page, filters and sort; past its last page, run() gives the last.
            corrected, results = services.run(dataclasses.replace(query, text=fallback), log=False)
            query = dataclasses.replace(query, offset=corrected.offset)
            results.suggestion = fallback
        error = False
    except Exception:  # noqa: BLE001  (an unreachable search backend gives a message, not a 500)
        services.logger.exception("Search failed.")
        results, error = services.SearchResults(hits=[], total=0, facets={}), True
    # Never offer a page past the deepest result a backend returns.
    reachable = min(results.total, services.MAX_RESULTS)
    page_obj = Paginator(_Window(results.hits, reachable), per_page).get_page(query.offset // per_page + 1)
    labels = services.labels_for(results.facets, results.hits, filters=query.filters)
    return query, results, page_obj, labels, fallback, error


def _filter_query(request, keep_sort=True):
    params = request.GET.copy()
    params.pop("q", None)
    params.pop(PAGE_PARAM, None)
    if not keep_sort:
        params.pop("sort", None)
    return params.urlencode()


@require_GET
def search(request):
    query, results, page_obj, labels, fallback, error = _search(request, RESULTS_PER_PAGE)
    hits = [
        {"hit": hit, "type_label": services.label(labels, "type", hit.type),
         "themes": [services.label(labels, "theme", slug) for slug in hit.themes]}
        for hit in results.hits
    ]
    filtered = any(query.filters.values())
    return render(
        request,
        "search/search.html",
        {
            "query": query.text,
            "search_query": query,
            "results": results,
            "hits": hits,
            "page_obj": page_obj,
            "facets": services.facet_list(query, results, labels),
            "filtered": filtered,
            "searched": bool(query.text) or filtered,
            "fallback": fallback,
            "error": error,
            "sorts": services.SORTS,
            "picks": services.editors_picks(query.text) if query.text and page_obj.number == 1 else [],
            "extra_query": _filter_query(request),
            "sort_query": _filter_query(request, keep_sort=False),
        },
    )


@require_GET
def suggest(request):
    suggestions = services.suggest(request.GET.get("q", ""))
    return JsonResponse(
        {"suggestions": [{"text": s.text, "url": s.url, "kind": s.kind} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_search(request):
    """GET /api/v1/search/?q=...: hits and facets as JSON, with the same filters as /zoeken/."""
    query, results, page_obj, labels, fallback, error = _search(request, API_RESULTS_PER_PAGE)
    if error:
        return JsonResponse({"error": _("De zoekfunctie is nu niet beschikbaar.")}, status=503)
    return JsonResponse(
        {
            "query": query.text,
            "sort": query.sort,
            "filters": {facet: list(values) for facet, values in query.filters.items()},
            "total": results.total,
            "page": page_obj.number,
            "pages": page_obj.paginator.num_pages,
            "suggestion": results.suggestion,
            "corrected": fallback is not None,
            "hits": [
                {
                    "id": hit.key,
                    "type": hit.type,
                    "title": hit.title,
                    "url": hit.url if hit.url.startswith("http") else absolute_url(hit.url),
                    "snippet": hit.snippet,
                    "snippet_text": strip_tags(hit.snippet),
                    "score": round(hit.score, 6),
                    "date": hit.date.isoformat() if hit.date else None,
                    "themes": [{"slug": slug, "name": services.label(labels, "theme", slug)} for slug in hit.themes],
                }
                for hit in results.hits
            ],
            "facets": {
                facet.param: [
                    {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected} for o in facet.options
                ]
                for facet in services.facet_list(query, results, labels)
                if facet.param in FACETS
            },
            "links": {"html": absolute_url(reverse("search:search") + "?" + request.GET.urlencode())},
        },
        json_dumps_params={"ensure_ascii": False},
    )
