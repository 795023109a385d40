"""Editors see every error report in the Wagtail admin, filtered by status and municipality."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ErrorReport


class ErrorReportFilterSet(WagtailFilterSet):
    class Meta:
        model = ErrorReport
        fields = ["status", "field_group", "organisation__municipality"]


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Foutmeldingen")
    add_to_admin_menu = True
    list_display = ["organisation", "field_group", "status", "created"]
    filterset_class = ErrorReportFilterSet
    ordering = ["-created"]
    form_fields = ["organisation", "field_group", "text", "status", "reason"]


register_snippet(ErrorReportViewSet)
