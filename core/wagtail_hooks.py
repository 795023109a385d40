from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .private_media import is_private, may_see
from .taxonomy import Municipality, TargetGroup, Theme


@hooks.register("before_serve_document")
def serve_private_documents_only_to_those_who_may_see_them(document, request):
    """A document that only unpublished or restricted pages use: 404 for everyone else (core/private_media.py)."""
    if is_private(document):
        if not may_see(request, document):
            raise Http404
        # core.views.no_store_for_private_files marks the response: never kept by a shared cache.
        request.private_file_served = True


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
