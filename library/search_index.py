"""Stories, guides and playbooks in site search (see search/registry.py)."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, CollectionViewRestriction

from search.backends.base import SearchDocument
from search.plain import join, rich_text, stream_text
from search.registry import SearchAdapter, register, visible_pages

from .models import GuideDocument, GuidePage, LibraryPage, PlaybookPage, StoryPage


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
        return visible_pages(self.model)

    def index_queryset(self):
        return self.queryset().select_related("municipality").prefetch_related("themes", "target_groups", "tags")

    def body(self, page):
        return ""

    def file_text(self, page):
        return ""

    def organisation_kind(self, page):
        return ()

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
        return [organisation for organisation in page.organisations.all() if organisation.is_public]

    def body(self, page):
        return join(stream_text(page.body), " ".join(o.name for o in self._organisations(page)))

    def organisation_kind(self, page):
        # A story with formal and informal partners is found under both.
        return tuple(sorted({organisation.kind for organisation in self._organisations(page)}))


def _guides_in_collection(restriction):
    collection = Collection.objects.filter(pk=restriction.collection_id).first()
    if collection is None:  # the collection itself is being deleted
        return []
    return GuidePage.objects.filter(documents__document__collection__path__startswith=collection.path).distinct()


def _public_guide_documents():
    """A guide's files outside private collections: a restriction on a collection covers those below it."""
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    private = Q()
    for path in set(restricted):
        private |= Q(document__collection__path__startswith=path)
    return GuideDocument.objects.select_related("document").exclude(private)


@register
class GuideAdapter(MaterialAdapter):
    model = GuidePage
    type = "guide"
    label = _("Handreiking")
    triggers = MaterialAdapter.triggers | {
        # Reading a file's text (core.documents) or replacing the file re-indexes the guides that use it.
        "core.PlatformDocument": lambda document: GuidePage.objects.filter(documents__document=document).distinct(),
        # So does making a collection private, or public again.
        "wagtailcore.CollectionViewRestriction": _guides_in_collection,
    }

    def index_queryset(self):
        return super().index_queryset().prefetch_related(Prefetch("documents", queryset=_public_guide_documents()))

    def body(self, page):
        return join(rich_text(page.summary_html), page.publisher, page.audience)

    def file_text(self, page):
        # Only files anyone may open: index_queryset leaves out those in private collections.
        return join(*(item.document.extracted_text for item in page.documents.all()))


@register
class PlaybookAdapter(MaterialAdapter):
    model = PlaybookPage
    type = "playbook"
    label = _("Draaiboek")

    def body(self, page):
        return join(rich_text(page.introduction), stream_text(page.steps))
