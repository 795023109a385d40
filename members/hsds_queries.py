"""What the HSDS API may be asked, and the filtered, paged querysets it answers with.

One table of parameters (``PARAMETERS``) and one of endpoints (``ENDPOINTS``) drive both the checking of a
request and the OpenAPI document, so the two cannot drift apart. Every filter is cumulative (AND). A parameter
the endpoint does not know, a parameter given twice, or a value that cannot be read is refused with
``BadParameter``: a client never gets a full list when it asked for a filtered one.
"""

import math
import re
import uuid
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import geo, hsds
from .geocoding import POSTCODE, locate
from .models import Organisation, Service, SharedWalkIn, WalkInHour

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_PAGE = 1_000_000
MAX_SEARCH_CHARS = 200
MAX_PROXIMITY_METRES = geo.MAX_RADIUS_KM * 1000
# Without ``proximity``, a postcode finds what is within this distance of its centre (the site's near-me default).
POSTCODE_DEFAULT_METRES = 10_000


class BadParameter(ValueError):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def _integer(name, value, low, high):
    if not re.fullmatch(r"\d{1,9}", value) or not low <= int(value) <= high:
        raise BadParameter(
            name,
            _("%(name)s moet een geheel getal van %(low)s tot en met %(high)s zijn.")
            % {"name": name, "low": low, "high": high},
        )
    return int(value)


def _boolean(name, value):
    if value.lower() not in ("true", "false"):
        raise BadParameter(name, _("%(name)s moet true of false zijn.") % {"name": name})
    return value.lower() == "true"


def _uuid(name, value):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadParameter(name, _("%(name)s moet een UUID zijn.") % {"name": name}) from None


def _search(name, value):
    words = value.split()
    if len(value) > MAX_SEARCH_CHARS:
        raise BadParameter(name, _("Zoek met hoogstens %(max)s tekens.") % {"max": MAX_SEARCH_CHARS})
    return words


def _datetime(name, value):
    moment = None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is not None:
                moment = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            name,
            _("%(name)s moet een datum of tijdstip zijn, zoals 2026-01-31 of 2026-01-31T09:00:00+01:00.")
            % {"name": name},
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _postcode(name, value):
    if not POSTCODE.match(value.strip()):
        raise BadParameter(name, _("postcode moet een Nederlandse postcode zijn, zoals 1315 AB of 1315."))
    return value.strip()


def _format(name, value):
    if value not in ("json", "ndjson"):
        raise BadParameter(name, _("format moet json of ndjson zijn."))
    return value


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # the OpenAPI type
    description: object
    read: object = None
    schema_format: str = ""

    def parse(self, value):
        return self.read(self.name, value) if self.read else value


def _per_page(name, value):
    return _integer(name, value, 1, MAX_PER_PAGE)


def _page(name, value):
    return _integer(name, value, 1, MAX_PAGE)


def _proximity(name, value):
    return _integer(name, value, 1, MAX_PROXIMITY_METRES)


PARAMETERS = {
    parameter.name: parameter
    for parameter in (
        Parameter(
            "search", "string", gettext_lazy("Woorden die alle in de naam, omschrijving of thema's voorkomen."), _search
        ),
        Parameter("page", "integer", gettext_lazy("Het nummer van de pagina, vanaf 1."), _page),
        Parameter(
            "per_page", "integer", gettext_lazy("Aantal per pagina, 1 tot en met 500 (standaard 50)."), _per_page
        ),
        Parameter(
            "format",
            "string",
            gettext_lazy("json (standaard) of ndjson: alle resultaten, één per regel, zonder pagina's."),
            _format,
        ),
        Parameter(
            "taxonomy_term_id",
            "string",
            gettext_lazy("Alleen met deze term (thema, doelgroep, categorie, vorm)."),
            _uuid,
            "uuid",
        ),
        Parameter("taxonomy_id", "string", gettext_lazy("Alleen met een term uit deze taxonomie."), _uuid, "uuid"),
        Parameter("organization_id", "string", gettext_lazy("Alleen van deze organisatie."), _uuid, "uuid"),
        Parameter(
            "modified_after",
            "string",
            gettext_lazy("Alleen gewijzigd op of na dit moment (ISO 8601)."),
            _datetime,
            "date-time",
        ),
        Parameter(
            "minimal",
            "boolean",
            gettext_lazy("true: alleen id en last_modified, bedoeld om alles in één keer op te halen."),
            _boolean,
        ),
        Parameter("full", "boolean", gettext_lazy("true: volledig geneste objecten."), _boolean),
        Parameter(
            "full_service", "boolean", gettext_lazy("true: de diensten van een organisatie volledig genest."), _boolean
        ),
        Parameter(
            "postcode",
            "string",
            gettext_lazy("Een Nederlandse postcode; zonder proximity binnen 10 km van het midden."),
            _postcode,
        ),
        Parameter(
            "proximity",
            "string",
            gettext_lazy("Afstand in meters tot het midden van de postcode (vereist postcode)."),
            _proximity,
        ),
        Parameter(
            "top_only",
            "boolean",
            gettext_lazy("true: alleen termen zonder onderliggende termen (alle termen hier)."),
            _boolean,
        ),
        Parameter(
            "parent_id",
            "string",
            gettext_lazy("Alleen termen onder deze term (termen hebben hier geen ouder)."),
            _uuid,
            "uuid",
        ),
    )
}

LIST = ("search", "page", "per_page", "format")


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    summary: object
    parameters: tuple = ()
    schema: str = ""  # the official schema the objects follow
    is_list: bool = False
    extra: dict = field(default_factory=dict)


SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
ENDPOINTS = (
    Endpoint("root", "/", gettext_lazy("Versie en profiel van deze API.")),
    Endpoint(
        "services",
        "/services",
        gettext_lazy("Diensten, gepagineerd."),
        (*LIST, "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "minimal", "full"),
        "compiled/service_list.json",
        True,
    ),
    Endpoint("service", "/services/{id}", gettext_lazy("Eén dienst, volledig genest."), (), "compiled/service.json"),
    Endpoint(
        "organizations",
        "/organizations",
        gettext_lazy("Organisaties, gepagineerd."),
        (*LIST, "full_service", "full", "modified_after"),
        "compiled/organization_list.json",
        True,
    ),
    Endpoint(
        "organization",
        "/organizations/{id}",
        gettext_lazy("Eén organisatie, volledig genest."),
        ("full_service",),
        "compiled/organization.json",
    ),
    Endpoint("taxonomies", "/taxonomies", gettext_lazy("Taxonomieën, gepagineerd."), LIST, "taxonomy.json", True),
    Endpoint("taxonomy", "/taxonomies/{id}", gettext_lazy("Eén taxonomie."), (), "taxonomy.json"),
    Endpoint(
        "taxonomy_terms",
        "/taxonomy_terms",
        gettext_lazy("Termen, gepagineerd."),
        (*LIST, "taxonomy_id", "top_only", "parent_id"),
        "taxonomy_term.json",
        True,
    ),
    Endpoint("taxonomy_term", "/taxonomy_terms/{id}", gettext_lazy("Eén term."), (), "taxonomy_term.json"),
    Endpoint(
        "service_at_locations",
        "/service_at_locations",
        gettext_lazy("Diensten op hun locatie, gepagineerd; met postcode en proximity op afstand."),
        (
            *LIST,
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
            "full",
            "postcode",
            "proximity",
        ),
        "compiled/service_at_location_list.json",
        True,
    ),
    Endpoint(
        "service_at_location",
        "/service_at_locations/{id}",
        gettext_lazy("Eén dienst op een locatie, volledig genest."),
        (),
        "compiled/service_at_location.json",
    ),
)
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}


def parse(endpoint_name, query_dict):
    """The request's parameters, read and checked for the endpoint; raises BadParameter."""
    allowed = BY_NAME[endpoint_name].parameters
    values = {}
    for name in query_dict:
        if name not in allowed:
            message = (
                _("Onbekende parameter “%(name)s”. Hier kan: %(allowed)s.")
                if allowed
                else _("Onbekende parameter “%(name)s”. Hier kan geen enkele parameter.")
            )
            raise BadParameter(name[:50], message % {"name": name[:50], "allowed": ", ".join(allowed)})
        given = query_dict.getlist(name)
        if len(given) > 1:
            raise BadParameter(name, _("Geef %(name)s maar één keer.") % {"name": name})
        values[name] = PARAMETERS[name].parse(given[0])
    if "proximity" in values and "postcode" not in values:
        raise BadParameter("proximity", _("proximity werkt alleen samen met postcode."))
    if values.get("format") == "ndjson" and ({"page", "per_page"} & set(values)):
        raise BadParameter("format", _("ndjson geeft alle resultaten zonder pagina's: laat page en per_page weg."))
    return values


# --- querysets -----------------------------------------------------------------------------------------------


def _organisation_prefetches(prefix=""):
    shared = Prefetch(
        f"{prefix}shared_walk_ins",
        queryset=SharedWalkIn.objects.select_related("municipality").prefetch_related("turns").order_by("name", "pk"),
    )
    return [
        f"{prefix}languages",
        f"{prefix}walk_in_hours",
        f"{prefix}walk_in_closures",
        f"{prefix}walk_in_changes__hours",
        f"{prefix}walk_in_notices",
        f"{prefix}services",
        f"{prefix}target_groups",
        shared,
    ]


def _service_prefetches():
    return ["themes", "target_groups", "languages"]


def services():
    return (
        Service.objects.public()
        .select_related("organisation__municipality", "organisation__category")
        .prefetch_related(*_service_prefetches(), *_organisation_prefetches("organisation__"))
        .order_by("organisation__name", "organisation__pk", "sort_order", "name", "pk")
    )


def organisations(full=False, full_service=False):
    found = Organisation.objects.public().order_by("name", "pk")
    if full or full_service:
        help_services = Service.objects.prefetch_related(*_service_prefetches()).order_by("sort_order", "name", "pk")
        found = found.select_related("municipality", "category").prefetch_related(
            *_organisation_prefetches(), Prefetch("help_services", queryset=help_services)
        )
    return found


def with_main_location(queryset):
    """Only services whose organisation has a place to go to (matches ``hsds.has_main_location``)."""
    hours = WalkInHour.objects.filter(organisation=OuterRef("organisation"))
    return queryset.filter(
        Q(organisation__address__gt="")
        | Q(organisation__city__gt="")
        | Q(organisation__latitude__isnull=False)
        | Exists(hours)
    )


def _words(queryset, words, fields, theme_path):
    for word in words:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        condition |= Q(**{f"{theme_path}__name__icontains": word})
        queryset = queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))
    return queryset


def _terms_by_id():
    return {term.id: term for term in hsds.all_terms()}


def _term_condition(term):
    """Services with this term: their own themes and target groups, their organisation's category and form."""
    taxonomy = term.taxonomy
    if taxonomy is hsds.THEMES:
        return Q(pk__in=Service.themes.through.objects.filter(theme_id=term.key).values("service_id"))
    if taxonomy is hsds.TARGET_GROUPS:
        return Q(pk__in=Service.target_groups.through.objects.filter(targetgroup_id=term.key).values("service_id"))
    if taxonomy is hsds.CATEGORIES:
        return Q(organisation__category_id=term.key)
    return Q(organisation__kind=term.key)


def _taxonomy_condition(taxonomy):
    if taxonomy is hsds.THEMES:
        return Q(pk__in=Service.themes.through.objects.values("service_id"))
    if taxonomy is hsds.TARGET_GROUPS:
        return Q(pk__in=Service.target_groups.through.objects.values("service_id"))
    if taxonomy is hsds.CATEGORIES:
        return Q(organisation__category__isnull=False)
    return Q()


def filter_services(queryset, values):
    """The services matching every given filter (cumulative)."""
    if values.get("search"):
        queryset = _words(queryset, values["search"], ("name", "description", "organisation__name"), "themes")
    if "organization_id" in values:
        queryset = queryset.filter(organisation__uuid=values["organization_id"])
    if "taxonomy_term_id" in values:
        term = _terms_by_id().get(str(values["taxonomy_term_id"]))
        queryset = queryset.filter(_term_condition(term)) if term else queryset.none()
    if "taxonomy_id" in values:
        taxonomy = {item.id: item for item in hsds.TAXONOMIES}.get(str(values["taxonomy_id"]))
        queryset = queryset.filter(_taxonomy_condition(taxonomy)) if taxonomy else queryset.none()
    if "modified_after" in values:
        moment = values["modified_after"]
        queryset = queryset.filter(Q(modified__gte=moment) | Q(organisation__modified__gte=moment))
    return queryset


def near_postcode(queryset, values):
    """Services within ``proximity`` metres of the postcode's centre, nearest first; BadParameter when the
    postcode cannot be located (unknown, or the geocoder cannot be reached)."""
    point = locate(values["postcode"])
    if point is None:
        raise BadParameter(
            "postcode",
            _("Deze postcode konden we niet vinden (of de locatieserver is even niet bereikbaar). Probeer het later."),
        )
    radius_km = values.get("proximity", POSTCODE_DEFAULT_METRES) / 1000
    return geo.near(
        queryset, point, radius_km, latitude_field="organisation__latitude", longitude_field="organisation__longitude"
    )


def filter_organisations(queryset, values):
    if values.get("search"):
        queryset = _words(queryset, values["search"], ("name", "description"), "services")
    if "modified_after" in values:
        queryset = queryset.filter(modified__gte=values["modified_after"])
    return queryset


def filter_terms(terms, values):
    if "taxonomy_id" in values:
        terms = [term for term in terms if term.taxonomy.id == str(values["taxonomy_id"])]
    if "parent_id" in values:
        terms = []  # no term has a parent: the vocabularies are flat
    for word in values.get("search", ()):
        terms = [term for term in terms if word.lower() in term.name.lower()]
    return terms


def filter_taxonomies(values):
    found = list(hsds.TAXONOMIES)
    for word in values.get("search", ()):
        found = [item for item in found if word.lower() in str(item.name).lower()]
    return found


# --- paging --------------------------------------------------------------------------------------------------


@dataclass
class Page:
    items: list
    total: int
    number: int
    per_page: int

    @property
    def total_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    def envelope(self, contents):
        return {
            "total_items": self.total,
            "total_pages": self.total_pages,
            "page_number": self.number,
            "size": len(contents),
            "first_page": self.number == 1,
            "last_page": self.number >= self.total_pages,
            "empty": self.total == 0,
            "contents": contents,
        }


def page_of(items, values):
    """The requested page of a queryset or list; BadParameter for a page after the last."""
    per_page = values.get("per_page", DEFAULT_PER_PAGE)
    number = values.get("page", 1)
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    if number > max(1, math.ceil(total / per_page)):
        raise BadParameter(
            "page",
            _("Pagina %(number)s bestaat niet: er zijn %(pages)s pagina's.")
            % {"number": number, "pages": max(1, math.ceil(total / per_page))},
        )
    start = (number - 1) * per_page
    return Page(list(items[start : start + per_page]), total, number, per_page)
