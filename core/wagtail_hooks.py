from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .taxonomy import Municipality, TargetGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "province", "code"]
    list_filter = ["province"]
    search_fields = ["name"]
    ordering = ["name"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vaste lijsten")
    menu_icon = "list-ul"
    menu_order = 300
    items = (ThemeViewSet, TargetGroupViewSet, MunicipalityViewSet)


register_snippet(VocabularyGroup)
