import datetime

from django import forms
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .models import EditorsPick, SynonymGroup

DEFAULT_PERIOD = datetime.timedelta(days=30)


class EditorsPickViewSet(SnippetViewSet):
    model = EditorsPick
    icon = "pick"
    menu_label = _("Uitgelichte zoekresultaten")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["query", "display_title", "sort_order"]
    ordering = ["query_key", "sort_order"]


register_snippet(EditorsPickViewSet)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return data


def analytics_view(request):
    """Most searched queries and queries that found nothing, over a chosen period. Nobody's identity is stored."""
    today = timezone.localdate()
    initial = {"start": today - DEFAULT_PERIOD, "end": today}
    form = PeriodForm(request.GET or None, initial=initial)
    period = form.cleaned_data if form.is_bound and form.is_valid() else initial
    return render(
        request,
        "search/admin/analytics.html",
        {
            "form": form,
            "start": period["start"],
            "end": period["end"],
            "report": services.query_report(period["start"], period["end"]),
        },
    )


@hooks.register("register_admin_urls")
def register_analytics_url():
    return [path("zoekstatistieken/", analytics_view, name="search_analytics")]


@hooks.register("register_reports_menu_item")
def register_analytics_menu_item():
    return MenuItem(_("Zoekstatistieken"), reverse("search_analytics"), icon_name="search", order=900)


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synoniemen bij zoeken")
    menu_order = 311
    add_to_admin_menu = True
    list_display = ["__str__", "note"]


register_snippet(SynonymGroupViewSet)
