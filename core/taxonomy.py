"""Curated vocabularies shared by material, events and organisations, so facets stay clean."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .text import TextRules, ascii_slug


class NamedEntry(TextRules, index.Indexed, models.Model):
    """A name with a stable slug for URLs and filters."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    single_line_fields = ["name"]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # Any script gives a slug; names that transliterate alike get a number.
            base = slug = ascii_slug(self.name, fallback="item", max_length=70)
            number = 1
            while type(self).objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            self.slug = slug
        super().save(*args, **kwargs)

    @classmethod
    def get_or_create_by_name(cls, name):
        name = name.strip()
        existing = cls.objects.filter(name__iexact=name).first()
        if existing:
            return existing
        # Importers create entries from whatever a file holds: the same rules as the admin form.
        entry = cls(name=name)
        entry.full_clean(exclude=["slug"], validate_unique=False)
        entry.save()
        return entry


class Vocabulary(NamedEntry):
    description = models.TextField(_("omschrijving"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(NamedEntry.Meta):
        abstract = True


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Municipality(NamedEntry):
    code = models.CharField(_("CBS-code"), max_length=6, blank=True, help_text=_("Bijvoorbeeld GM0034."))
    province = models.CharField(_("provincie"), max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code"), FieldPanel("province")]

    class Meta(NamedEntry.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")


# The filter parameters the library, the agenda and the social map name their vocabularies by.
FILTER_PARAMS = {"thema": Theme, "doelgroep": TargetGroup, "gemeente": Municipality}


def single_subject(selected):
    """The theme, target group or municipality when a list is filtered on exactly one of them (one value),
    else None: "Volg thema Schulden" above the results of exactly that filter."""
    chosen = [(param, value) for param in FILTER_PARAMS for value in selected.get(param, ())]
    if len(chosen) != 1:
        return None
    param, value = chosen[0]
    return FILTER_PARAMS[param].objects.filter(slug=value).first()
