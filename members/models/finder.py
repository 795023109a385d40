"""The finder's questions in a resident's own words, mapped to themes, and national help for when nothing local is known."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .organisations import tel_href


class FinderQuestion(models.Model):
    """A choice in the finder as a resident would say it ("Ik heb schulden"), mapped by editors to themes."""

    text = models.CharField(
        _("vraag"),
        max_length=120,
        unique=True,
        help_text=_("Zoals een inwoner het zegt, in eenvoudige taal (B1). Bijvoorbeeld: Ik heb schulden."),
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Staat in het webadres, bijvoorbeeld schulden.")
    )
    themes = models.ManyToManyField(
        "core.Theme",
        verbose_name=_("thema's"),
        related_name="finder_questions",
        help_text=_("Organisaties die helpen met een van deze thema's komen in het antwoord."),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [FieldPanel("text"), FieldPanel("slug"), FieldPanel("themes"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("vraag in de wegwijzer")
        verbose_name_plural = _("vragen in de wegwijzer")
        ordering = ["sort_order", "text"]

    def __str__(self):
        return self.text


class NationalHelp(models.Model):
    """Help for everyone in the Netherlands, shown by the finder, first of all where nothing local is known."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    description = models.TextField(
        _("wat zij doen"), max_length=400, help_text=_("Eén of twee zinnen in eenvoudige taal.")
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    hours = models.CharField(
        _("bereikbaar"), max_length=120, blank=True, help_text=_("Bijvoorbeeld: maandag tot vrijdag 9.00–17.00 uur.")
    )
    website = models.URLField(_("website"), blank=True)
    questions = models.ManyToManyField(
        FinderQuestion,
        verbose_name=_("bij de vragen"),
        related_name="national_help",
        blank=True,
        help_text=_("Leeg: bij elke vraag."),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("phone"),
        FieldPanel("hours"),
        FieldPanel("website"),
        FieldPanel("questions"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("landelijke hulp")
        verbose_name_plural = _("landelijke hulp")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def phone_href(self):
        return tel_href(self.phone)
