from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.images import PageImageMixin
from core.models import BasePage

from . import sections
from .blocks import FeaturedPageBlock


class HomePage(PageImageMixin, BasePage):
    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link"])
    search_prompt = models.CharField(
        _("tekst bij het zoekvak"),
        max_length=120,
        blank=True,
        default="Waar zoekt u informatie over?",
    )
    featured = StreamField(
        [("page", FeaturedPageBlock())],
        verbose_name=_("uitgelicht"),
        blank=True,
        max_num=6,
    )

    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("search_prompt"),
        ]
        + PageImageMixin.image_panels
        + [
            MultiFieldPanel([FieldPanel("featured")], heading=_("Uitgelicht materiaal")),
        ]
    )
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        urls = sections.index_urls(request)
        context.update(
            index_urls=urls,
            first_choices=sections.first_choices(urls),
            upcoming_events=sections.upcoming_events(),
            newest_stories=sections.newest_stories(),
            newest_guides=sections.newest_guides(),
            social_map_numbers=sections.social_map_numbers(),
        )
        return context

    def featured_items(self):
        """Featured pages that are live and public, in the editor's order; others are left out."""
        chosen = [block.value for block in self.featured if block.value["page"]]
        ids = [value["page"].pk for value in chosen]
        visible = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
        return [
            {
                "page": visible[value["page"].pk],
                "text": value["text"] or getattr(visible[value["page"].pk], "summary", ""),
            }
            for value in chosen
            if value["page"].pk in visible
        ]


class ContentPage(BasePage):
    """A general page: about the platform, privacy statement, accessibility statement, contact."""

    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    show_in_footer = models.BooleanField(
        _("tonen in de voettekst"),
        default=False,
        help_text=_("Zet aan voor pagina's als de privacyverklaring en de toegankelijkheidsverklaring."),
    )
    last_reviewed = models.DateField(_("laatst herzien"), null=True, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    promote_panels = BasePage.promote_panels + [FieldPanel("show_in_footer")]
    settings_panels = BasePage.settings_panels + [FieldPanel("last_reviewed")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")
