import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.images import PageImageMixin
from core.models import BasePage

from ..blocks import PlaybookStepBlock, StoryBodyBlock

RELATED_COUNT = 3
# How many of the newest pages with a shared tag, and with a shared theme, related_material() weighs.
RELATED_CANDIDATES = 200
# What a member may type as a story; the stored body (HTML in JSON) of any story is capped too, so
# that neither the form, the admin nor an import can store megabytes.
STORY_BODY_MAX_CHARS = 30_000
STORY_BODY_MAX_STORED = 400_000


def body_size(blocks):
    """What a story body costs to store: its values plus a fixed share per block (type, id)."""
    return sum(len(json.dumps(block["value"], ensure_ascii=False)) + 50 for block in blocks)


class LibraryPageTag(TaggedItemBase):
    content_object = ParentalKey("library.LibraryPage", on_delete=models.CASCADE, related_name="tagged_items")


class LibraryPage(BasePage):
    """What every piece of material shares: date, place, themes, target groups and tags.

    A concrete base so that the library index can filter and count across
    stories, guides and playbooks in single queries.
    """

    published = models.DateField(_("datum"), default=timezone.localdate)
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True, related_name="library_pages")
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="library_pages"
    )
    tags = ClusterTaggableManager(through=LibraryPageTag, blank=True, verbose_name=_("trefwoorden"))

    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("published"),
                FieldPanel("municipality"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Indeling"),
        )
    ]
    search_fields = BasePage.search_fields + [
        index.FilterField("published"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("materiaal")
        verbose_name_plural = _("materiaal")
        # "Newest first" (home page, library, feeds) reads the first rows of this index instead of sorting everything.
        indexes = [models.Index(fields=["-published", "-page_ptr"], name="library_newest")]

    @property
    def kind(self):
        return KIND_BY_MODEL.get(type(self).__name__, "")

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, "")

    def related_material(self):
        """Live material that shares the most themes and tags with this page.

        Only candidates are scored: the newest RELATED_CANDIDATES pages with a shared tag and as many
        with a shared theme, read from the link tables' indexes, so the cost does not grow with the
        size of the library.
        """
        # In a preview these relations are modelcluster's in-memory lists (no values_list("pk"));
        # a tag typed in the preview has no id yet.
        theme_ids = [theme.pk for theme in self.themes.all()]
        tag_ids = [tag.pk for tag in self.tags.all() if tag.pk]
        if not theme_ids and not tag_ids:
            return LibraryPage.objects.none()
        candidates = set(
            LibraryPageTag.objects.filter(tag_id__in=tag_ids)
            .order_by("-content_object_id")
            .values_list("content_object_id", flat=True)[:RELATED_CANDIDATES]
        ) | set(
            LibraryPage.themes.through.objects.filter(theme_id__in=theme_ids)
            .order_by("-librarypage_id")
            .values_list("librarypage_id", flat=True)[:RELATED_CANDIDATES]
        )
        candidates.discard(self.pk)
        return (
            LibraryPage.objects.live()
            .public()
            .filter(pk__in=candidates)
            .annotate(
                shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
                + Count("tagged_items", filter=Q(tagged_items__tag__in=tag_ids), distinct=True)
            )
            .filter(shared__gt=0)
            .order_by("-shared", "-published", "pk")
            .select_related("content_type", "municipality")
            .prefetch_related("themes")[:RELATED_COUNT]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.related_material()
        return context


class StoryPage(PageImageMixin, LibraryPage):
    """Praktijkverhaal: how a local cooperation works, in the words of the people involved."""

    body = StreamField(StoryBodyBlock(), verbose_name=_("verhaal"), blank=True)
    organisations = ParentalManyToManyField(
        "members.Organisation", verbose_name=_("betrokken organisaties"), blank=True, related_name="stories"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingezonden door"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="submitted_stories",
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_role = models.CharField(_("rol of organisatie van de contactpersoon"), max_length=160, blank=True)
    contact_email = models.EmailField(
        _("e-mailadres contactpersoon"),
        blank=True,
        help_text=_("Alleen invullen als de contactpersoon akkoord is met publicatie."),
    )

    content_panels = (
        BasePage.content_panels
        + PageImageMixin.image_panels
        + [
            FieldPanel("body"),
            FieldPanel("organisations"),
            MultiFieldPanel(
                [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
                heading=_("Contact"),
            ),
        ]
        + LibraryPage.classification_panels
    )
    search_fields = LibraryPage.search_fields + [index.SearchField("body")]

    template = "library/story_page.html"

    single_line_fields = BasePage.single_line_fields + ["contact_name", "contact_role"]

    def clean(self):
        super().clean()
        if body_size(self.body.get_prep_value()) > STORY_BODY_MAX_STORED:
            raise ValidationError(
                {"body": _("Dit verhaal is te lang. Maak het korter of verdeel het over meer verhalen.")}
            )

    def public_organisations(self):
        # A list, not .public(): in a preview the organisations are the form's, held in memory.
        return sorted(
            (organisation for organisation in self.organisations.all() if organisation.is_public), key=lambda o: o.name
        )

    class Meta:
        verbose_name = _("praktijkverhaal")
        verbose_name_plural = _("praktijkverhalen")


class GuidePage(LibraryPage):
    """Handreiking: an HTML text (a PDF alone is not accessible) and, optionally, documents.

    A guide written as a web page is the accessible form and has no documents at all.
    """

    summary_html = RichTextField(
        _("samenvatting"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("De kern van de handreiking in gewone tekst, zodat hij ook zonder PDF te lezen is."),
    )
    publisher = models.CharField(_("uitgever"), max_length=160, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    audience = models.CharField(_("voor wie"), max_length=200, blank=True)

    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("summary_html"),
            MultiFieldPanel(
                [FieldPanel("publisher"), FieldPanel("year"), FieldPanel("audience")], heading=_("Over de handreiking")
            ),
            InlinePanel("documents", label=_("Documenten")),
        ]
        + LibraryPage.classification_panels
    )
    search_fields = LibraryPage.search_fields + [
        index.SearchField("summary_html"),
        index.SearchField("publisher"),
        index.RelatedFields("documents", [index.RelatedFields("document", [index.SearchField("extracted_text")])]),
    ]

    template = "library/guide_page.html"

    class Meta:
        verbose_name = _("handreiking")
        verbose_name_plural = _("handreikingen")


class GuideDocument(Orderable):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(
        _("omschrijving"), max_length=160, blank=True, help_text=_("Bijvoorbeeld: volledige versie.")
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class PlaybookPage(RoutablePageMixin, LibraryPage):
    """Draaiboek: numbered steps, each tied to a meeting, with homework and materials."""

    introduction = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    first_step_number = models.PositiveSmallIntegerField(
        _("nummer van de eerste stap"),
        default=1,
        help_text=_("Vul 0 in als het draaiboek begint met een voorbereidende stap 0."),
    )
    steps = StreamField([("step", PlaybookStepBlock())], verbose_name=_("stappen"), blank=True)

    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("introduction"),
            FieldPanel("first_step_number"),
            FieldPanel("steps"),
        ]
        + LibraryPage.classification_panels
    )
    search_fields = LibraryPage.search_fields + [index.SearchField("introduction"), index.SearchField("steps")]

    template = "library/playbook_page.html"

    class Meta:
        verbose_name = _("draaiboek")
        verbose_name_plural = _("draaiboeken")

    def numbered_steps(self):
        return [(self.first_step_number + i, block.value) for i, block in enumerate(self.steps)]

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("afdrukken/")
    def print_view(self, request):
        return self.render(request, template="library/playbook_page_print.html")


KIND_BY_MODEL = {"StoryPage": "story", "GuidePage": "guide", "PlaybookPage": "playbook"}
KIND_LABELS = {"story": _("Praktijkverhaal"), "guide": _("Handreiking"), "playbook": _("Draaiboek")}
KIND_MODELS = {"story": StoryPage, "guide": GuidePage, "playbook": PlaybookPage}
