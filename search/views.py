import dataclasses

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core.http import json_endpoint, json_error
from core.pagination import PAGE_PARAM
from core.siteurl import absolute_url

from . import guidance, services
from .backends.base import FACETS

RESULTS_PER_PAGE = 10
# Whether a search page found anything, for the statistics of the same page served from the page cache.
FOUND_HEADER = "X-Search-Found"
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


def _run(query, backend, split):
    """The ranked list; with ``split``, material only unless there is none (organisations go in their own group)."""
    if split:
        ran, results = services.run(guidance.material_only(query), backend=backend, log=False)
        if results.total:
            return ran.offset, results, True
    ran, results = services.run(query, backend=backend, log=False)
    return ran.offset, results, False


@dataclasses.dataclass
class Found:
    entered: guidance.Entered
    query: services.SearchQuery  # as asked (filters as chosen), at the page shown
    searched_text: str  # the query's text, or the nearest spelling when that found nothing
    results: services.SearchResults
    page_obj: object
    labels: dict
    fallback: str | None
    error: bool
    split: bool  # material in the list, organisations apart


def _params(request):
    params = request.GET.copy()
    params["q"] = guidance.read_query(request.GET.get("q", "")).searchable
    return params


def _search(request, per_page, split=False):
    entered = guidance.read_query(request.GET.get("q", ""))
    query = services.parse_query(_params(request), limit=per_page)
    split = split and guidance.splits_organisations(query)
    first_page_asked = not query.offset
    fallback = None
    try:
        backend = services.get_backend()
        offset, results, split = _run(query, backend, split)
        found = bool(results.total)
        if not results.total and results.suggestion:
            # Typo tolerance: show what the nearest known words find, and say so.
            fallback = results.suggestion
            # Same page, filters and sort; past its last page, run() gives the last.
            offset, results, split = _run(dataclasses.replace(query, text=fallback), backend, split)
            results.suggestion = fallback
        query = dataclasses.replace(query, offset=offset)
        # Paging is no new search, and HEAD (link checkers, monitors) is no search by a person.
        if request.method == "GET" and query.text and first_page_asked:
            services.log_query(query.text, found=found)
        error = False
    except Exception:  # noqa: BLE001  (an unreachable search backend gives a message, not a 500)
        services.logger.exception("Search failed.")
        results, error, split = services.SearchResults(hits=[], total=0, facets={}), True, False
    # Never offer a page past the deepest result a backend returns.
    reachable = min(results.total, services.MAX_RESULTS)
    page_obj = Paginator(_Window(results.hits, reachable), per_page).get_page(query.offset // per_page + 1)
    labels = services.labels_for(results.facets, results.hits, filters=query.filters)
    return Found(entered, query, fallback or query.text, results, page_obj, labels, fallback, error, split)


def _filter_query(request, keep_sort=True):
    params = request.GET.copy()
    params.pop("q", None)
    params.pop(PAGE_PARAM, None)
    if not keep_sort:
        params.pop("sort", None)
    return params.urlencode()


@csrf_exempt  # it changes nothing; a POST gets the 405 of require_safe, not a CSRF 403
@require_safe
def search(request):
    found = _search(request, RESULTS_PER_PAGE, split=True)
    query, results, page_obj, labels = found.query, found.results, found.page_obj, found.labels
    hits = [
        {
            "hit": hit,
            "type_label": services.label(labels, "type", hit.type),
            "themes": [services.label(labels, "theme", slug) for slug in hit.themes],
        }
        for hit in results.hits
    ]
    filtered = any(query.filters.values())
    first_page = page_obj.number == 1
    group = help_ = None
    if query.text and first_page and not found.error:
        group, help_ = guidance.beside_the_results(query, found.searched_text, results, found.split, found.fallback)
    response = render(
        request,
        "search/search.html",
        {
            "query": found.entered.text,
            "search_query": query,
            "results": results,
            "hits": hits,
            "page_obj": page_obj,
            "facets": services.facet_list(query, results, labels),
            "filtered": filtered,
            "searched": bool(query.text) or filtered,
            "notices": guidance.notices(found.entered),
            "fallback": found.fallback,
            "error": found.error,
            "group": group,
            "help": help_,
            "sorts": services.SORTS,
            "picks": services.editors_picks(query.text) if query.text and first_page else [],
            "extra_query": _filter_query(request),
            "sort_query": _filter_query(request, keep_sort=False),
        },
    )
    if found.error:
        add_never_cache_headers(response)
    elif query.text:
        # A page served from the page cache still counts in the statistics (count_cached_search).
        response.headers[FOUND_HEADER] = "1" if found.results.total and not found.fallback else "0"
    return response


def count_cached_search(request, headers, **kwargs):
    """Receiver of core.pagecache.page_served_from_cache: a stored search page counts as the search it shows."""
    if request.method != "GET" or request.path_info != reverse("search:search") or FOUND_HEADER not in headers:
        return
    query = services.parse_query(_params(request), limit=RESULTS_PER_PAGE)
    if query.text and not query.offset:
        services.log_query(query.text, found=headers[FOUND_HEADER] == "1")


@json_endpoint
def suggest(request):
    suggestions = services.suggest(guidance.read_query(request.GET.get("q", "")).searchable)
    return JsonResponse(
        {"suggestions": [{"text": s.text, "url": s.url, "kind": s.kind} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )


@json_endpoint
def api_search(request):
    """GET /api/v1/search/?q=...: hits and facets as JSON, with the same filters as /zoeken/, in one ranked list."""
    found = _search(request, API_RESULTS_PER_PAGE)
    query, results, page_obj, labels = found.query, found.results, found.page_obj, found.labels
    if found.error:
        return json_error(_("De zoekfunctie is nu niet beschikbaar."), 503)
    return JsonResponse(
        {
            "query": query.text,
            "sort": query.sort,
            "filters": {facet: list(values) for facet, values in query.filters.items()},
            "total": results.total,
            "page": page_obj.number,
            "pages": page_obj.paginator.num_pages,
            "suggestion": results.suggestion,
            "corrected": found.fallback is not None,
            "notices": guidance.notices(found.entered),
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
                    "missing": list(hit.missing),
                    "past": hit.past,
                }
                for hit in results.hits
            ],
            "facets": {
                facet.param: [
                    {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                    for o in facet.options
                ]
                for facet in services.facet_list(query, results, labels)
                if facet.param in FACETS
            },
            "links": {"html": absolute_url(reverse("search:search") + "?" + request.GET.urlencode())},
        },
        json_dumps_params={"ensure_ascii": False},
    )
