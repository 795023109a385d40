"""The social map: combinable filters over verified organisations, with counts, and the walk-in filter.

Counts are one aggregate query per filter, so the number of queries does not
grow with the number of organisations.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.facets import Facet, FilterSet, Option
from core.taxonomy import Municipality, TargetGroup, Theme

from . import openinghours
from .geo import RADIUS_CHOICES_KM, format_km, near, within
from .geocoding import Point, in_netherlands, locate
from .models import Language, NationalHelp, Organisation, OrganisationCategory, Service

PARAMS = {
    "gemeente": _("Gemeente"),
    "wijk": _("Wijk"),
    "soort": _("Formeel of informeel"),
    "categorie": _("Soort organisatie"),
    "hulp": _("Hulp bij"),
    "doelgroep": _("Voor wie"),
    "taal": _("Taal"),
    "open": _("Inloop"),
    "toegang": _("Zo krijgt u hulp"),
}
OPEN_CHOICES = {"nu": _("Nu open voor inloop"), "week": _("Inloop in de komende 7 dagen")}
# The "how to get help" facts a visitor can filter on: value in the address -> (field, label in the filter).
# An organisation matches when it says so for all its help or when one of its services says so.
ACCESS_CHOICES = {
    "gratis": ("is_free", _("Gratis")),
    "inloop": ("walk_in", _("Binnenlopen zonder afspraak")),
    "bellen": ("by_phone", _("Bellen")),
    "afspraak": ("by_appointment", _("Op afspraak")),
    "verwijzing": ("by_referral", _("Met een verwijzing")),
    "tolk": ("interpreter", _("Tolk mogelijk")),
    "rolstoel": ("wheelchair", _("Rolstoeltoegankelijk")),
}
# The facts a list card shows, short.
CARD_FACTS = {
    "is_free": _("gratis"),
    "walk_in": _("inloop"),
    "interpreter": _("tolk"),
    "wheelchair": _("rolstoeltoegankelijk"),
}
MAX_QUERY = 100
DEFAULT_RADIUS_KM = 5
# A browser location is rounded to about 100 m before it is used (it is never stored or sent elsewhere).
LOCATION_DECIMALS = 3


def map_tiles():
    """Where the map's tiles come from; the page names the host before the visitor asks for the map."""
    url = settings.MAP_TILE_URL
    return {"url": url, "attribution": settings.MAP_TILE_ATTRIBUTION, "host": urlsplit(url).hostname or ""}


def offers(field):
    """The organisations that offer ``field`` (a yes/no fact of HowToGetHelp): for all their help, or in a service."""
    return Q(**{field: True}) | Q(pk__in=Service.objects.filter(**{field: True}).values("organisation_id"))


def attach_card_facts(organisations):
    """Give each organisation ``card_facts``: the short labels of CARD_FACTS it or one of its services offers.
    One query for the services, however many organisations there are."""
    organisations = list(organisations)
    fields = list(CARD_FACTS)
    offered = {}
    rows = Service.objects.filter(organisation__in=[o.pk for o in organisations]).values_list(
        "organisation_id", *fields
    )
    for organisation_id, *values in rows:
        offered.setdefault(organisation_id, set()).update(f for f, value in zip(fields, values, strict=True) if value)
    for organisation in organisations:
        own = offered.get(organisation.pk, set())
        organisation.card_facts = [
            label for field, label in CARD_FACTS.items() if getattr(organisation, field) or field in own
        ]
    return organisations


def walk_in_candidates():
    """Public organisations that have weekly hours or a turn at a shared walk-in: the only ones that can be open."""
    return (
        Organisation.objects.public()
        .filter(Q(walk_in_hours__isnull=False) | Q(shared_walk_in_turns__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
    )


def open_now_condition(now):
    """Open for walk-in at ``now``, closures and changed hours included (members.openinghours)."""
    return Q(pk__in=sorted(openinghours.open_now_ids(walk_in_candidates(), now)))


def open_next_seven_days_condition(now):
    """A walk-in between ``now`` and the end of the sixth day after today, closures and changed hours included."""
    return Q(pk__in=sorted(openinghours.open_next_7_days_ids(walk_in_candidates(), now)))


class Nearby:
    """Where the visitor wants help: the browser's rounded location (``lat``, ``lon``) if given, else the postcode,
    place or address typed in ``dichtbij`` (geocoded), within ``straal`` km. ``point`` is None when neither is given
    or the place is unknown or the geocoder is down; ``error`` then says so in Dutch."""

    not_found = _(
        "We konden “%(place)s” niet vinden. Vul een postcode (1234 AB) of een plaatsnaam in; de andere filters werken wel."
    )

    def __init__(self, query_dict, default_radius_km=DEFAULT_RADIUS_KM):
        self.place = " ".join(query_dict.get("dichtbij", "").split())[:MAX_QUERY]
        radius = query_dict.get("straal", "")
        self.radius_km = int(radius) if radius in {str(km) for km in RADIUS_CHOICES_KM} else default_radius_km
        self.radius_choices = RADIUS_CHOICES_KM
        self.point, self.error = self._point(query_dict)

    @property
    def from_browser(self):
        """The point is the browser's location (nothing was typed)."""
        return self.point is not None and not self.place

    def _point(self, query_dict):
        latitude, longitude = query_dict.get("lat", "")[:20], query_dict.get("lon", "")[:20]
        if latitude or longitude:
            if in_netherlands(latitude, longitude):
                return Point(round(float(latitude), LOCATION_DECIMALS), round(float(longitude), LOCATION_DECIMALS)), ""
            return None, _("Uw locatie ligt niet in Nederland. Vul een postcode of plaats in.")
        if not self.place:
            return None, ""
        point = locate(self.place)
        if point is None:
            return None, self.not_found % {"place": self.place}
        return point, ""


class SocialMapFilters(FilterSet):
    params = PARAMS

    def __init__(self, query_dict, now=None):
        super().__init__(query_dict)
        self.now = now or timezone.now()
        self.selected["soort"] = [v for v in self.selected["soort"] if v in Organisation.Kind.values]
        self.selected["open"] = [v for v in self.selected["open"] if v in OPEN_CHOICES][:1]
        self.selected["toegang"] = [v for v in dict.fromkeys(self.selected["toegang"]) if v in ACCESS_CHOICES]
        self.query = " ".join(query_dict.get("q", "").split())[:MAX_QUERY]
        self._open_conditions = {}
        nearby = Nearby(query_dict)
        self.place, self.radius_km, self.radius_choices = nearby.place, nearby.radius_km, nearby.radius_choices
        self.point, self.place_error = nearby.point, nearby.error

    def open_condition(self, value):
        """The walk-in condition, computed once per request: it reads the exceptions in Python."""
        if value not in self._open_conditions:
            compute = open_now_condition if value == "nu" else open_next_seven_days_condition
            self._open_conditions[value] = compute(self.now)
        return self._open_conditions[value]

    @property
    def active(self):
        return bool(self.query or self.place or self.point) or any(self.selected.values())

    def condition(self, param):
        values = self.selected[param]
        if not values:
            return Q()
        return {
            "gemeente": lambda: Q(municipality__slug__in=values),
            "wijk": lambda: Q(neighbourhood__in=values),
            "soort": lambda: Q(kind__in=values),
            "categorie": lambda: Q(category__slug__in=values),
            "hulp": lambda: Q(
                pk__in=Organisation.services.through.objects.filter(theme__slug__in=values).values("organisation_id")
            ),
            "doelgroep": lambda: Q(
                pk__in=Organisation.target_groups.through.objects.filter(targetgroup__slug__in=values).values(
                    "organisation_id"
                )
            ),
            "taal": lambda: Q(
                pk__in=Organisation.languages.through.objects.filter(language__slug__in=values).values(
                    "organisation_id"
                )
            ),
            "open": lambda: self.open_condition(values[0]),
            "toegang": lambda: self.access_condition(values),
        }[param]()

    @staticmethod
    def access_condition(values):
        """Any of the chosen facts (values of one filter are combined with OR, as in every filter)."""
        condition = Q()
        for value in values:
            condition |= offers(ACCESS_CHOICES[value][0])
        return condition

    def access_facet(self, base):
        """How many organisations offer each fact under the other filters, in one aggregate query."""
        counts = self.apply(base, "toegang").aggregate(
            **{value: Count("pk", filter=offers(field)) for value, (field, _label) in ACCESS_CHOICES.items()}
        )
        return Facet(
            "toegang",
            PARAMS["toegang"],
            [self._option("toegang", value, label, counts[value]) for value, (_field, label) in ACCESS_CHOICES.items()],
        )

    def apply(self, queryset, skip=None):
        if self.query:
            queryset = queryset.filter(
                Q(name__icontains=self.query)
                | Q(description__icontains=self.query)
                | Q(neighbourhood__icontains=self.query)
            )
        if self.point:
            queryset = within(queryset, self.point, self.radius_km)
        return super().apply(queryset, skip)

    def _option(self, param, value, label, count):
        return Option(str(value), str(label), count, str(value) in self.selected[param])

    def _related_facet(self, param, model, relation, queryset):
        rows = (
            model.objects.annotate(
                n=Count(relation, filter=Q(**{f"{relation}__in": queryset.values("pk")}), distinct=True)
            )
            .filter(Q(n__gt=0) | Q(slug__in=self.selected[param]))
            .values_list("slug", "name", "n")
        )
        return Facet(param, PARAMS[param], [self._option(param, slug, name, n) for slug, name, n in rows])

    def facets(self, base):
        kind_counts = dict(self.apply(base, "soort").values_list("kind").annotate(n=Count("pk")).order_by())
        neighbourhoods = (
            self.apply(base, "wijk")
            .exclude(neighbourhood="")
            .values_list("neighbourhood")
            .annotate(n=Count("pk"))
            .order_by("neighbourhood")
        )
        open_base = self.apply(base, "open")
        return [
            self._related_facet("gemeente", Municipality, "organisations", self.apply(base, "gemeente")),
            Facet("wijk", PARAMS["wijk"], [self._option("wijk", name, name, n) for name, n in neighbourhoods]),
            Facet(
                "soort",
                PARAMS["soort"],
                [
                    self._option("soort", value, label, kind_counts.get(value, 0))
                    for value, label in Organisation.Kind.choices
                ],
            ),
            self._related_facet("categorie", OrganisationCategory, "organisations", self.apply(base, "categorie")),
            self._related_facet("hulp", Theme, "organisations", self.apply(base, "hulp")),
            self._related_facet("doelgroep", TargetGroup, "organisations", self.apply(base, "doelgroep")),
            self._related_facet("taal", Language, "organisations", self.apply(base, "taal")),
            Facet(
                "open",
                PARAMS["open"],
                [
                    self._option("open", "nu", OPEN_CHOICES["nu"], open_base.filter(self.open_condition("nu")).count()),
                    self._option(
                        "open",
                        "week",
                        OPEN_CHOICES["week"],
                        open_base.filter(self.open_condition("week")).count(),
                    ),
                ],
            ),
            self.access_facet(base),
        ]


class FinderNearby(Nearby):
    """The finder's postcode or place: without it (unknown, or the geocoder down) the municipality still works."""

    not_found = _(
        "We konden “%(place)s” niet vinden. Vul een postcode (1234 AB) of een plaatsnaam in, of kies uw gemeente."
    )


FINDER_DEFAULT_RADIUS_KM = 10


def finder_results(question, municipality=None, point=None, radius_km=FINDER_DEFAULT_RADIUS_KM):
    """Organisations that help with one of the question's themes, in ``municipality`` and/or within ``radius_km``
    of ``point`` (nearest first, with ``distance_label``), informal and formal side by side."""
    organisations = (
        Organisation.objects.public()
        .filter(
            pk__in=Organisation.services.through.objects.filter(theme__in=question.themes.all()).values(
                "organisation_id"
            ),
        )
        .select_related("category", "municipality")
        .prefetch_related("walk_in_hours")
    )
    if municipality is not None:
        organisations = organisations.filter(municipality=municipality)
    organisations = near(organisations, point, radius_km) if point else organisations.order_by("name")
    organisations = attach_card_facts(openinghours.attach(organisations))
    grouped = {Organisation.Kind.INFORMAL: [], Organisation.Kind.FORMAL: []}
    for organisation in organisations:
        if point:
            organisation.distance_label = format_km(organisation.distance_km)
        grouped[organisation.kind].append(organisation)
    return grouped


def national_help_for(question):
    """National help the editors tied to this question, or to every question."""
    return list(NationalHelp.objects.filter(Q(questions=question) | Q(questions__isnull=True)).distinct())
