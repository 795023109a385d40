"""The HSDS 3.0 API: read-only, anonymous, public organisations only. Views only read the request and answer;
what may be asked and what it means is in ``hsds_queries``, the shape of the objects in ``hsds``."""

import json
import uuid

from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import json_endpoint, json_error
from core.pagination import paginate
from core.siteurl import absolute_url

from . import hsds, hsds_openapi
from .hsds_queries import (
    BadParameter,
    filter_organisations,
    filter_services,
    filter_taxonomies,
    filter_terms,
    near_postcode,
    organisations,
    page_of,
    parse,
    services,
    with_main_location,
)
from .socialmap import SocialMapFilters

ALIAS_PAGE_SIZE = 50
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
NDJSON_CHUNK = 200


def _json(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _bad(error):
    return _json({"error": error.message, "status": 400, "parameter": error.name}, status=400)


def _not_found():
    return json_error(_("Niet gevonden."), 404)


def hsds_view(endpoint_name):
    """Checks the parameters for the endpoint, answers BadParameter with a 400 in JSON."""

    def decorate(view):
        def wrapper(request, *args, **kwargs):
            try:
                values = parse(endpoint_name, request.GET)
                return view(request, values, *args, **kwargs)
            except BadParameter as error:
                return _bad(error)

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return json_endpoint(wrapper)

    return decorate


def _listing(items, values, serialise):
    """The Page envelope, or with format=ndjson every result as one JSON line, streamed."""
    if values.get("format") == "ndjson":
        return StreamingHttpResponse(_lines(items, serialise), content_type="application/x-ndjson; charset=utf-8")
    page = page_of(items, values)
    return _json(page.envelope([serialise(item) for item in page.items]))


def _lines(items, serialise):
    if isinstance(items, list):
        for item in items:
            yield json.dumps(serialise(item), ensure_ascii=False) + "\n"
        return
    for item in items.iterator(chunk_size=NDJSON_CHUNK):
        yield json.dumps(serialise(item), ensure_ascii=False) + "\n"


def _context():
    return {"today": timezone.localdate(), "tz_hours": hsds._utc_offset_hours()}


def _by_uuid(queryset, value, field="uuid"):
    try:
        key = uuid.UUID(str(value))
    except ValueError:
        return None
    return queryset.filter(**{field: key}).first()


@hsds_view("root")
def root(request, values):
    return _json(
        {
            "version": hsds.HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": absolute_url(reverse("hsds:openapi")),
        }
    )


@json_endpoint
def openapi(request):
    if request.GET:
        return _bad(BadParameter(next(iter(request.GET))[:50], _("Hier kan geen enkele parameter.")))
    return _json(hsds_openapi.document())


@hsds_view("services")
def service_list(request, values):
    found = filter_services(services(), values)
    if values.get("minimal"):
        return _listing(found, values, lambda item: {"id": str(item.uuid), "last_modified": hsds._last_modified(item)})
    context = _context()
    if values.get("full"):
        return _listing(found, values, lambda item: hsds.service(item, **context))
    return _listing(found, values, lambda item: hsds.service_list_item(item, today=context["today"]))


@hsds_view("service")
def service_detail(request, values, pk):
    item = _by_uuid(services(), pk)
    return _json(hsds.service(item, **_context())) if item else _not_found()


@hsds_view("organizations")
def organization_list(request, values):
    full, full_service = values.get("full", False), values.get("full_service", False)
    found = filter_organisations(organisations(full=full, full_service=full_service), values)
    if full or full_service:
        context = _context()
        return _listing(found, values, lambda org: hsds.organization(org, full_service=full_service, **context))
    return _listing(found, values, hsds.organization_list_item)


@hsds_view("organization")
def organization_detail(request, values, pk):
    full_service = values.get("full_service", False)
    org = _by_uuid(organisations(full=True), pk)
    return _json(hsds.organization(org, full_service=full_service, **_context())) if org else _not_found()


@hsds_view("taxonomies")
def taxonomy_list(request, values):
    return _listing(filter_taxonomies(values), values, hsds.taxonomy)


@hsds_view("taxonomy")
def taxonomy_detail(request, values, pk):
    found = {item.id: item for item in hsds.TAXONOMIES}.get(str(pk).lower())
    return _json(hsds.taxonomy(found)) if found else _not_found()


@hsds_view("taxonomy_terms")
def taxonomy_term_list(request, values):
    return _listing(filter_terms(hsds.all_terms(), values), values, hsds.taxonomy_term)


@hsds_view("taxonomy_term")
def taxonomy_term_detail(request, values, pk):
    found = {term.id: term for term in hsds.all_terms()}.get(str(pk).lower())
    return _json(hsds.taxonomy_term(found)) if found else _not_found()


@hsds_view("service_at_locations")
def service_at_location_list(request, values):
    found = with_main_location(filter_services(services(), values))
    if "postcode" in values:
        found = near_postcode(found, values)
    if values.get("full"):
        context = _context()
        return _listing(found, values, lambda item: hsds.service_at_location(item, **context))
    return _listing(found, values, hsds.service_at_location_list_item)


@hsds_view("service_at_location")
def service_at_location_detail(request, values, pk):
    try:
        service_uuid = hsds.service_uuid_from_service_at_location_id(pk)
    except ValueError:
        return _not_found()
    item = with_main_location(services()).filter(uuid=service_uuid).first()
    return _json(hsds.service_at_location(item, **_context())) if item else _not_found()


@json_endpoint
def social_map_organizations(request):
    """/api/v1/organisations/: the same HSDS organisations, filtered with the social map page's own parameters
    (gemeente, soort, hulp, toegang, open, q; ``pagina`` pages), for those who built on the first API."""
    found = SocialMapFilters(request.GET).apply(organisations(full=True))
    page_obj = paginate(request, found, ALIAS_PAGE_SIZE)
    context = _context()
    return _json(
        {
            "total_items": page_obj.paginator.count,
            "total_pages": page_obj.paginator.num_pages,
            "page_number": page_obj.number,
            "size": len(page_obj.object_list),
            "first_page": page_obj.number == 1,
            "last_page": not page_obj.has_next(),
            "empty": page_obj.paginator.count == 0,
            "contents": [hsds.organization(org, **context) for org in page_obj.object_list],
        }
    )
