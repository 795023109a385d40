"""Filters on the agenda: theme, municipality, format and month, with counts that respect the other filters."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.facets import Facet, FilterSet, Option
from core.taxonomy import Theme

from .models.formats import EventFormat

PARAMS = {"thema": _("Thema"), "gemeente": _("Gemeente"), "vorm": _("Vorm"), "maand": _("Maand")}


def parse_month(value):
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None


class EventFilters(FilterSet):
    params = PARAMS

    def __init__(self, query_dict):
        super().__init__(query_dict)
        self.selected["vorm"] = [v for v in self.selected["vorm"] if v in EventFormat.values]
        self.selected["maand"] = [v for v in self.selected["maand"] if parse_month(v)]

    def condition(self, param):
        values = self.selected[param]
        if not values:
            return Q()
        if param == "thema":
            return Q(pk__in=Theme.events.through.objects.filter(theme__slug__in=values).values("eventpage_id"))
        if param == "gemeente":
            return Q(municipality__slug__in=values)
        if param == "vorm":
            return Q(format__in=values)
        if param == "maand":
            months = Q()
            for value in values:
                first = parse_month(value)
                months |= Q(start__year=first.year, start__month=first.month)
            return months
        raise KeyError(param)

    def facets(self, base):
        return [
            self._theme_facet(self.apply(base, skip="thema")),
            self._municipality_facet(self.apply(base, skip="gemeente")),
            self._format_facet(self.apply(base, skip="vorm")),
            self._month_facet(self.apply(base, skip="maand")),
        ]

    def _option(self, param, value, label, count):
        return Option(value=value, label=label, count=count, selected=value in self.selected[param])

    def _theme_facet(self, queryset):
        rows = Theme.objects.annotate(
            n=Count("events", filter=Q(events__in=queryset.values("pk")), distinct=True)
        ).values_list("slug", "name", "n")
        facet = Facet("thema", PARAMS["thema"])
        facet.options = [self._option("thema", s, name, n) for s, name, n in rows if n or s in self.selected["thema"]]
        return facet

    def _municipality_facet(self, queryset):
        rows = (
            queryset.filter(municipality__isnull=False)
            .values_list("municipality__slug", "municipality__name")
            .annotate(n=Count("pk"))
            .order_by("municipality__name")
        )
        facet = Facet("gemeente", PARAMS["gemeente"])
        facet.options = [self._option("gemeente", slug, name, n) for slug, name, n in rows]
        return facet

    def _format_facet(self, queryset):
        counts = dict(queryset.values_list("format").annotate(n=Count("pk")).order_by())
        facet = Facet("vorm", PARAMS["vorm"])
        facet.options = [
            self._option("vorm", value, str(label).capitalize(), counts.get(value, 0))
            for value, label in EventFormat.choices
            if counts.get(value) or value in self.selected["vorm"]
        ]
        return facet

    def _month_facet(self, queryset):
        rows = (
            queryset.annotate(month=TruncMonth("start")).values_list("month").annotate(n=Count("pk")).order_by("month")
        )
        facet = Facet("maand", PARAMS["maand"])
        for month, n in rows:
            value = month.strftime("%Y-%m")
            label = formats.date_format(month, "F Y")
            facet.options.append(self._option("maand", value, label, n))
        return facet
