import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.pagination import paginate
from core.taxonomy import Municipality, Theme

from .forms import DeleteAccountForm, OrganisationProfileForm, WalkInHourFormSet
from .hsds import organization
from .services import administered_organisations, confirm_profile, erase_account, personal_data, save_profile
from .socialmap import SocialMapFilters, finder_results, public_organisations

PER_PAGE = 20


@login_required
def my_data(request):
    if request.GET.get("download"):
        response = HttpResponse(
            json.dumps(personal_data(request.user), indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response
    return render(request, "members/my_data.html", {"data": personal_data(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        erase_account(user)
        messages.success(request, _("Uw account en uw gegevens zijn verwijderd."))
        return redirect("/")
    return render(request, "members/delete_account.html", {"form": form})


def social_map(request):
    filters = SocialMapFilters(request.GET)
    base = public_organisations()
    results = (
        filters.apply(base)
        .select_related("category", "municipality")
        .prefetch_related("walk_in_hours", "services")
        .order_by("name")
    )
    page_obj = paginate(request, results, PER_PAGE)
    query = request.GET.copy()
    query.pop("pagina", None)
    map_points = [
        {"name": name, "url": reverse("members:organisation", args=[slug]), "lat": float(lat), "lng": float(lng), "kind": kind}
        for name, slug, lat, lng, kind in filters.apply(base)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name")
        .values_list("name", "slug", "latitude", "longitude", "kind")
    ]
    return render(
        request,
        "members/social_map.html",
        {
            "filters": filters,
            "facets": filters.facets(base),
            "page_obj": page_obj,
            "filter_query": query.urlencode(),
            "map_points": map_points,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        public_organisations().select_related("category", "municipality", "logo").prefetch_related(
            "walk_in_hours", "services", "target_groups", "languages"
        ),
        slug=slug,
    )
    stories = organisation.stories.live().public().order_by("-published")[:10]
    return render(request, "members/organisation_detail.html", {"organisation": organisation, "stories": stories})


def finder(request):
    themes = Theme.objects.filter(organisations__status="verified").distinct().order_by("name")
    municipalities = Municipality.objects.filter(organisations__status="verified").distinct().order_by("name")
    theme = themes.filter(slug=request.GET.get("vraag", "")).first()
    municipality = municipalities.filter(slug=request.GET.get("gemeente", "")).first()
    context = {"themes": themes, "municipalities": municipalities, "theme": theme, "municipality": municipality}
    if request.GET and (theme is None or municipality is None):
        context["error"] = _("Kies uw vraag en uw gemeente.")
    if theme and municipality:
        context["results"] = finder_results(theme, municipality)
    return render(request, "members/finder.html", context)


API_PAGE_SIZE = 50


def api_organisations(request):
    """Read-only HSDS view of the social map, paginated, with the same filters as the page."""
    filters = SocialMapFilters(request.GET)
    results = (
        filters.apply(public_organisations())
        .select_related("category", "municipality")
        .prefetch_related("walk_in_hours", "services", "target_groups", "languages")
        .order_by("name", "pk")
    )
    page_obj = paginate(request, results, API_PAGE_SIZE)
    return JsonResponse(
        {
            "total_items": page_obj.paginator.count,
            "total_pages": page_obj.paginator.num_pages,
            "page_number": page_obj.number,
            "size": len(page_obj.object_list),
            "first_page": page_obj.number == 1,
            "last_page": not page_obj.has_next(),
            "empty": page_obj.paginator.count == 0,
            "contents": [organization(org, request) for org in page_obj.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
def my_organisations(request):
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "members/my_organisations.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def edit_organisation(request, slug):
    # Someone who is not an admin of this organisation learns nothing about it: 404.
    organisation = get_object_or_404(administered_organisations(request.user), slug=slug)
    if request.method == "POST" and "confirm" in request.POST:
        confirm_profile(organisation)
        messages.success(request, _("Dank u wel. Het profiel is bevestigd als actueel."))
        return redirect("members:edit_organisation", slug=slug)
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    hours = WalkInHourFormSet(request.POST or None, instance=organisation, prefix="spreekuren")
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        save_profile(organisation, form, hours)
        messages.success(request, _("Het profiel is opgeslagen."))
        return redirect("members:edit_organisation", slug=slug)
    return render(request, "members/edit_organisation.html", {"organisation": organisation, "form": form, "hours": hours})
