"""Error reports on an organisation's profile: a visitor says something is wrong, the organisation's admins
or the editors fix it or dismiss it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ErrorReport.Status.OPEN)


class ErrorReport(models.Model):
    class FieldGroup(models.TextChoices):
        CONTACT = "contact", _("contactgegevens (telefoon, e-mail, website)")
        ADDRESS = "address", _("adres of plek op de kaart")
        HOURS = "hours", _("inloopspreekuren")
        DESCRIPTION = "description", _("omschrijving of hulp die zij bieden")
        CLOSED = "closed", _("de organisatie bestaat niet meer")
        OTHER = "other", _("iets anders")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FIXED = "fixed", _("verbeterd")
        DISMISSED = "dismissed", _("afgewezen")

    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="error_reports"
    )
    field_group = models.CharField(_("wat klopt er niet"), max_length=20, choices=FieldGroup.choices)
    text = models.TextField(_("toelichting"), max_length=2000)
    reporter_email = models.EmailField(_("e-mailadres van de melder"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("reden"), blank=True, max_length=2000)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    handled = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("foutmelding")
        verbose_name_plural = _("foutmeldingen")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.organisation} – {self.get_field_group_display()}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN
