"""Combinable filters over all library material, with counts that respect the other filters.

Within one filter the chosen values are alternatives (OR); different filters
narrow each other (AND). Every count is one aggregate query, so the number of
queries does not grow with the amount of material.
"""

import re

from django.db.models import Count, Q, Window
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.facets import SHORT_LIST, Facet, FilterSet, Option
from core.taxonomy import Municipality, TargetGroup, Theme
from members.models import Organisation

from .models.pages import KIND_LABELS, KIND_MODELS, LibraryPage, StoryPage

# ASCII digits only: str.isdigit() also takes "²⁰²⁴", which int() refuses.
YEAR = re.compile(r"[0-9]{4}")

PARAMS = {
    "soort": _("Soort"),
    "thema": _("Thema"),
    "doelgroep": _("Doelgroep"),
    "gemeente": _("Gemeente"),
    "organisatie": _("Organisatie"),
    "jaar": _("Jaar"),
}


def material():
    return LibraryPage.objects.live().public()


class LibraryFilters(FilterSet):
    params = PARAMS

    def __init__(self, query_dict):
        super().__init__(query_dict)
        self.selected["soort"] = [kind for kind in self.selected["soort"] if kind in KIND_MODELS]
        self.selected["jaar"] = [year for year in self.selected["jaar"] if YEAR.fullmatch(year)]

    def condition(self, param):
        values = self.selected[param]
        if not values:
            return Q()
        if param == "soort":
            return Q(content_type__model__in=[KIND_MODELS[kind]._meta.model_name for kind in values])
        if param == "thema":
            return Q(pk__in=LibraryPage.themes.through.objects.filter(theme__slug__in=values).values("librarypage_id"))
        if param == "doelgroep":
            return Q(
                pk__in=LibraryPage.target_groups.through.objects.filter(targetgroup__slug__in=values).values(
                    "librarypage_id"
                )
            )
        if param == "gemeente":
            return Q(municipality__slug__in=values)
        if param == "organisatie":
            return Q(
                pk__in=StoryPage.organisations.through.objects.filter(
                    organisation__slug__in=values, organisation__in=Organisation.objects.public()
                ).values("storypage_id")
            )
        if param == "jaar":
            return Q(published__year__in=[int(year) for year in values])
        raise KeyError(param)

    def facets(self, base):
        return [
            self._kind_facet(self.apply(base, skip="soort")),
            self._vocabulary_facet("thema", Theme, self.apply(base, skip="thema"), "library_pages"),
            self._vocabulary_facet("doelgroep", TargetGroup, self.apply(base, skip="doelgroep"), "library_pages"),
            self._municipality_facet(self.apply(base, skip="gemeente")),
            self._organisation_facet(self.apply(base, skip="organisatie")),
            self._year_facet(self.apply(base, skip="jaar")),
        ]

    def _option(self, param, value, label, count):
        return Option(value=value, label=label, count=count, selected=value in self.selected[param])

    def _kind_facet(self, queryset):
        counts = dict(queryset.values_list("content_type__model").annotate(n=Count("pk")).order_by())
        facet = Facet("soort", PARAMS["soort"])
        for kind, model in KIND_MODELS.items():
            facet.options.append(self._option("soort", kind, KIND_LABELS[kind], counts.get(model._meta.model_name, 0)))
        return facet

    def _vocabulary_facet(self, param, model, queryset, relation):
        # A page has a theme once (the through table's unique pair): no DISTINCT, so no sort.
        rows = model.objects.annotate(
            n=Count(relation, filter=Q(**{f"{relation}__in": queryset.values("pk")}))
        ).values_list("slug", "name", "n")
        facet = Facet(param, PARAMS[param])
        facet.options = [
            self._option(param, slug, name, n) for slug, name, n in rows if n or slug in self.selected[param]
        ]
        return facet

    def _top(self, param, rows, slug_field, name_field):
        """Count per value, cut in SQL to the top values when the page shows no more (about 2,000
        organisations and 350 municipalities at full size: building them all cost most of the page).
        The chosen values are always there, with 0 when they leave nothing."""
        facet = Facet(param, PARAMS[param])
        if self.top_only(param):
            rows = rows.annotate(options=Window(Count(slug_field))).order_by("-n", name_field)
            top = list(rows.values_list(slug_field, name_field, "n", "options")[:SHORT_LIST])
            facet.total = top[0][3] if top else 0
            chosen = [slug for slug in self.selected[param] if slug not in {row[0] for row in top}]
            if chosen:
                top += rows.filter(**{f"{slug_field}__in": chosen}).values_list(slug_field, name_field, "n", "options")
            found = [(slug, name, n) for slug, name, n, _options in top]
            found.sort(key=lambda row: row[1].casefold())
        else:
            found = list(rows.values_list(slug_field, name_field, "n").order_by(name_field))
        facet.options = [self._option(param, slug, name, n) for slug, name, n in found]
        return facet

    def _municipality_facet(self, queryset):
        rows = (
            queryset.filter(municipality__isnull=False)
            .values("municipality__slug", "municipality__name")
            .annotate(n=Count("pk"))
        )
        return self._keep_chosen(
            self._top("gemeente", rows, "municipality__slug", "municipality__name"), Municipality.objects.all()
        )

    def _organisation_facet(self, queryset):
        rows = (
            StoryPage.organisations.through.objects.filter(
                storypage_id__in=queryset.values("pk"), organisation__in=Organisation.objects.public()
            )
            .values("organisation__slug", "organisation__name")
            # A story names an organisation once (the through table's unique pair): no DISTINCT, no sort.
            .annotate(n=Count("storypage_id"))
        )
        facet = self._top("organisatie", rows, "organisation__slug", "organisation__name")
        return self._keep_chosen(facet, Organisation.objects.public())

    def _keep_chosen(self, facet, choices):
        """A chosen value that leaves no results stays in the list (with 0), so it can be unchosen."""
        known = {option.value for option in facet.options}
        if missing := [slug for slug in self.selected[facet.param] if slug not in known]:
            names = dict(choices.filter(slug__in=missing).values_list("slug", "name"))
            facet.options += [self._option(facet.param, slug, names[slug], 0) for slug in missing if slug in names]
            facet.options.sort(key=lambda option: option.label.casefold())
        return facet

    def _year_facet(self, queryset):
        rows = (
            queryset.annotate(year=ExtractYear("published"))
            .values_list("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )
        facet = Facet("jaar", PARAMS["jaar"])
        facet.options = [self._option("jaar", str(year), str(year), n) for year, n in rows]
        return facet
