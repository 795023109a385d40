from django.shortcuts import render
from wagtail.models import Page

from core.pagination import paginate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page_obj = paginate(request, results, RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {"query": query, "page_obj": page_obj, "result_count": page_obj.paginator.count if query else 0},
    )
