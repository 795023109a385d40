from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "kind", "municipality", "status"]
    list_filter = ["status", "kind", "municipality"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(OrganisationViewSet)
