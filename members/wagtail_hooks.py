from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Language, Organisation, OrganisationCategory


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "kind", "category", "municipality", "status", "last_confirmed"]
    list_filter = ["status", "kind", "category", "municipality"]
    search_fields = ["name"]
    ordering = ["name"]


class OrganisationCategoryViewSet(SnippetViewSet):
    model = OrganisationCategory
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "openquote"
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)
register_snippet(OrganisationCategoryViewSet)
register_snippet(LanguageViewSet)
