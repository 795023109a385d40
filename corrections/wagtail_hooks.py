"""Editors see every error report in the Wagtail admin, filtered by status and municipality, and how current the
social map is per municipality."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from members.exports import safe_cell

from . import currency
from .models import ErrorReport
from .services import close_report


class ErrorReportFilterSet(WagtailFilterSet):
    class Meta:
        model = ErrorReport
        fields = ["status", "field_group", "organisation__municipality"]


class ErrorReportAdminForm(WagtailAdminModelForm):
    """The rules of services.close_report, checked before saving so that a refusal is a form error."""

    def clean(self):
        data = super().clean()
        was_open = self.instance.pk is None or self.initial.get("status") == ErrorReport.Status.OPEN
        status = data.get("status")
        if not was_open and status != self.initial.get("status"):
            self.add_error("status", _("Deze melding is al afgehandeld."))
        elif status == ErrorReport.Status.DISMISSED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden waarom u de melding afwijst."))
        return data


class ErrorReportEditView(EditView):
    def save_instance(self):
        """Closing a report here does what closing it on the site does: the profile counts as confirmed when
        fixed, and the reporter is told and forgotten."""
        report = self.form.instance
        if self.form.initial.get("status") != ErrorReport.Status.OPEN or report.is_open:
            return super().save_instance()
        status, reason = report.status, report.reason
        report.status, report.reason = ErrorReport.Status.OPEN, ""
        super().save_instance()
        return close_report(report, self.request.user, status, reason)


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Foutmeldingen")
    add_to_admin_menu = True
    list_display = ["organisation", "field_group", "status", "created"]
    filterset_class = ErrorReportFilterSet
    ordering = ["-created"]
    edit_view_class = ErrorReportEditView
    edit_handler = ObjectList(
        [FieldPanel(name) for name in ("organisation", "field_group", "text", "status", "reason")],
        base_form_class=ErrorReportAdminForm,
    )


register_snippet(ErrorReportViewSet)


def currency_view(request):
    """Per municipality: organisations on the map, the share confirmed in the last twelve months, open reports,
    profiles without an admin and open claims. ``?format=csv`` downloads the same table."""
    if not request.user.has_perm("corrections.view_errorreport"):
        raise PermissionDenied
    rows, total = currency.map_currency()
    if request.GET.get("format") == "csv":
        return _currency_csv(rows)
    return render(request, "corrections/admin/currency.html", {"rows": rows, "total": total})


def _currency_csv(rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="actualiteit-sociale-kaart.csv"'
    response.write("\ufeff")  # Excel reads the file as UTF-8 only with this mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Gemeente"),
            _("Organisaties"),
            _("Bevestigd in 12 maanden"),
            _("Percentage bevestigd"),
            _("Open meldingen"),
            _("Zonder beheerder"),
            _("Open profielaanvragen"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                safe_cell(row.municipality),
                row.organisations,
                row.confirmed,
                row.confirmed_share,
                row.open_reports,
                row.without_admin,
                row.pending_claims,
            ]
        )
    return response


@hooks.register("register_admin_urls")
def register_currency_url():
    return [path("actualiteit-sociale-kaart/", currency_view, name="corrections_currency")]


class CurrencyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("corrections.view_errorreport")


@hooks.register("register_reports_menu_item")
def register_currency_menu_item():
    return CurrencyMenuItem(
        _("Actualiteit sociale kaart"),
        reverse("corrections_currency"),
        icon_name="site",
        name="map-currency",
        order=910,
    )
