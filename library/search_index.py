"""Stories, guides and playbooks in site search (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from search.backends.base import SearchDocument
from search.plain import join, rich_text, stream_text
from search.registry import SearchAdapter, register

from .models import GuidePage, LibraryPage, PlaybookPage, StoryPage


def _pages_with_municipality(municipality):
    return LibraryPage.objects.filter(municipality=municipality)


class MaterialAdapter(SearchAdapter):
    # Shared by the three types; each trigger returns LibraryPage rows, synced by their own type.
    triggers = {
        "core.Theme": lambda theme: theme.library_pages.all(),
        "core.TargetGroup": lambda group: group.library_pages.all(),
        "core.Municipality": _pages_with_municipality,
    }

    def queryset(self):
        return self.model.objects.live().public()

    def index_queryset(self):
        return (
            self.queryset()
            .select_related("municipality")
            .prefetch_related("themes", "target_groups", "tags")
        )

    def body(self, page):
        return ""

    def file_text(self, page):
        return ""

    def organisation_kind(self, page):
        return ""

    def to_document(self, page):
        return SearchDocument(
            key=self.key(page),
            type=self.type,
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            body=self.body(page),
            file_text=self.file_text(page),
            date=page.published,
            themes=tuple(sorted(theme.slug for theme in page.themes.all())),
            target_groups=tuple(sorted(group.slug for group in page.target_groups.all())),
            municipalities=(page.municipality.slug,) if page.municipality else (),
            organisation_kind=self.organisation_kind(page),
            tags=tuple(sorted(tag.slug for tag in page.tags.all())),
        )


@register
class StoryAdapter(MaterialAdapter):
    model = StoryPage
    type = "story"
    label = _("Praktijkverhaal")
    triggers = MaterialAdapter.triggers | {"members.Organisation": lambda organisation: organisation.stories.all()}

    def index_queryset(self):
        return super().index_queryset().prefetch_related("organisations")

    def _organisations(self, page):
        return [organisation for organisation in page.organisations.all() if organisation.is_verified]

    def body(self, page):
        return join(stream_text(page.body), " ".join(o.name for o in self._organisations(page)))

    def organisation_kind(self, page):
        # One value per document: stories whose partners are all formal, or all informal.
        kinds = {organisation.kind for organisation in self._organisations(page)}
        return kinds.pop() if len(kinds) == 1 else ""


@register
class GuideAdapter(MaterialAdapter):
    model = GuidePage
    type = "guide"
    label = _("Handreiking")
    triggers = MaterialAdapter.triggers | {
        # Reading a file's text (core.documents) or replacing the file re-indexes the guides that use it.
        "core.PlatformDocument": lambda document: GuidePage.objects.filter(documents__document=document).distinct(),
    }

    def index_queryset(self):
        return super().index_queryset().prefetch_related("documents__document")

    def body(self, page):
        return join(rich_text(page.summary_html), page.publisher, page.audience)

    def file_text(self, page):
        return join(*(item.document.extracted_text for item in page.documents.all()))


@register
class PlaybookAdapter(MaterialAdapter):
    model = PlaybookPage
    type = "playbook"
    label = _("Draaiboek")

    def body(self, page):
        return join(rich_text(page.introduction), stream_text(page.steps))
