from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Abstract base of every page type: a plain-language summary shown in lists and search."""

    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        max_length=400,
        help_text=_("Eén of twee zinnen in eenvoudige taal; verschijnt in overzichten en zoekresultaten."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary", boost=2)]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_url_parts(self, request=None):
        # full_url and get_full_url (emails, feeds, sitemap, calendar files) start with SITE_URL.
        parts = super().get_url_parts(request)
        if not parts or parts[1] is None:
            return parts
        site_id, _root_url, page_path = parts
        return site_id, settings.SITE_URL, page_path


class PlatformDocument(AbstractDocument):
    """A Wagtail document that also keeps the plain text inside the file, for search."""

    class Extraction(models.TextChoices):
        PENDING = "pending", _("nog niet gelezen")
        DONE = "done", _("tekst gelezen")
        EMPTY = "empty", _("geen tekst gevonden")

    extracted_text = models.TextField(_("tekst uit het bestand"), blank=True, editable=False)
    extraction = models.CharField(
        _("tekst uit het bestand"),
        max_length=10,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        editable=False,
    )

    admin_form_fields = ("title", "file", "collection", "tags")

    def clean(self):
        from django.core.exceptions import ValidationError

        from .documents import validate_upload

        # Only a fresh upload is checked: a stored file was checked when it came in.
        if self.file and not self.file._committed:
            try:
                validate_upload(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
        super().clean()

    def save(self, *args, **kwargs):
        # Only Wagtail's own upload form stores the size; forms, the importer and the demo leave it empty,
        # and lists would then say "0 bytes".
        if self.file and self.file_size is None:
            try:
                self.file_size = self.file.size
            except OSError:
                pass  # a stored file that has gone missing keeps no size
        super().save(*args, **kwargs)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


# The shared vocabularies are models of this app too.
from .taxonomy import Municipality, TargetGroup, Theme  # noqa: E402,F401
