from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

PAGE_PARAM = "pagina"


def paginate(request, items, per_page):
    """The requested page of `items`; a missing or bad page number gives the first, too high the last."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(PAGE_PARAM, 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
