from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from .query import synonym_table
from .text import fold


class SearchEntry(models.Model):
    """One indexed document of the database backend.

    The full-text index beside it is vendor-specific and made by migrations:
    an FTS5 table ``search_fts`` (rowid = id) on SQLite (0002); on PostgreSQL a
    narrow table ``search_entry_match`` (0005) with the date, integer facet ids
    and the tsvectors under a GIN index, which searches read instead of this one.
    """

    key = models.CharField(max_length=120, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    title_folded = models.CharField(max_length=255, db_index=True)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    file_text = models.TextField(blank=True)
    date = models.DateField(null=True, db_index=True)
    themes = models.JSONField(default=list)

    class Meta:
        verbose_name = _("zoekindex-item")
        verbose_name_plural = _("zoekindex")

    def __str__(self):
        return self.title or self.key


class SearchFacetValue(models.Model):
    """A facet value of an entry as "facet:value", so that all counts are one GROUP BY."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [
            models.Index(fields=["value", "entry"], name="search_facet_value_entry"),
            models.Index(fields=["entry", "value"], name="search_facet_entry_value"),
        ]

    def __str__(self):
        return self.value


class SearchTerm(models.Model):
    """Words seen in titles, summaries and bodies: the dictionary for "bedoelde u ...?"."""

    word = models.CharField(max_length=60, unique=True)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["initial", "length"], name="search_term_initial_length")]

    def __str__(self):
        return self.word


class QueryStat(models.Model):
    """How often a query was searched on a day, and how often it found nothing. Never who searched."""

    day = models.DateField(_("dag"))
    query = models.CharField(_("zoekopdracht"), max_length=100)
    searches = models.PositiveIntegerField(_("keer gezocht"), default=0)
    empty = models.PositiveIntegerField(_("keer niets gevonden"), default=0)

    class Meta:
        verbose_name = _("zoekstatistiek")
        verbose_name_plural = _("zoekstatistieken")
        constraints = [models.UniqueConstraint("day", "query", name="one_query_stat_per_day")]
        indexes = [models.Index(fields=["day", "query"], name="search_stat_day_query")]

    def __str__(self):
        return f"{self.query} ({self.day})"


def normalise_query(text):
    return " ".join(fold(text).split())[:100]


class EditorsPick(models.Model):
    """A result editors put on top for a query (a page, or any address such as an organisation profile)."""

    query = models.CharField(
        _("zoekopdracht"),
        max_length=100,
        help_text=_("Bij deze zoekopdracht staat dit resultaat bovenaan. Hoofdletters en accenten tellen niet mee."),
    )
    query_key = models.CharField(max_length=100, db_index=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("pagina"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(
        _("of een adres"), max_length=500, blank=True, help_text=_("Bijvoorbeeld /organisaties/humanitas-almere/.")
    )
    title = models.CharField(_("titel"), max_length=255, blank=True, help_text=_("Leeg: de titel van de pagina."))
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("query"),
        PageChooserPanel("page"),
        FieldPanel("url"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("uitgelicht zoekresultaat")
        verbose_name_plural = _("uitgelichte zoekresultaten")
        ordering = ["query_key", "sort_order", "pk"]

    def __str__(self):
        return f"{self.query}: {self.display_title}"

    def save(self, *args, **kwargs):
        self.query_key = normalise_query(self.query)
        super().save(*args, **kwargs)

    @property
    def display_title(self):
        return self.title or (self.page.title if self.page_id else self.url)

    @property
    def link(self):
        return self.page.url if self.page_id else self.url

    def clean(self):
        super().clean()
        if not normalise_query(self.query):
            raise ValidationError({"query": _("Vul een zoekopdracht in.")})
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Kies een pagina of vul een adres in, niet allebei."))
        if self.url and not self.title:
            raise ValidationError({"title": _("Geef een resultaat met een adres een titel.")})
        # Only paths on this site: a pick never sends searchers elsewhere (not even through //host).
        if self.url and not (
            self.url.startswith("/") and url_has_allowed_host_and_scheme(self.url, allowed_hosts=None)
        ):
            raise ValidationError(
                {"url": _("Vul een adres op deze site in: een pad dat met één / begint, zoals /sociale-kaart/.")}
            )


class SynonymGroup(models.Model):
    """Words and phrases that mean the same or are closely related; a search for one finds all of them."""

    terms = models.TextField(
        _("termen"),
        help_text=_(
            "Eén term per regel (een woord of een paar woorden), bijvoorbeeld geldzorgen, geldproblemen en "
            "financiële problemen. Wie op een van deze termen zoekt, vindt ook de andere."
        ),
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("synoniemen")
        verbose_name_plural = _("synoniemen")
        ordering = ["pk"]

    def __str__(self):
        return " ~ ".join(self.term_list())

    def term_list(self):
        return [term for term in dict.fromkeys(" ".join(line.split()) for line in self.terms.splitlines()) if term]

    def clean(self):
        super().clean()
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Vul minstens twee termen in, elk op een eigen regel.")})
        if any(len(term) > 60 for term in terms):
            raise ValidationError({"terms": _("Een term is hooguit 60 tekens lang.")})
        if any(not fold(term).strip("-\"' ") for term in terms):
            raise ValidationError({"terms": _("Een term bevat minstens één letter of cijfer.")})

    @classmethod
    def table(cls):
        """The synonym table the query parser uses (search.query.synonym_table): one small query."""
        return synonym_table(group.term_list() for group in cls.objects.only("terms"))
