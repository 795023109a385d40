from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegistrationQuerySet(models.QuerySet):
    def waiting(self):
        # Deterministic order: when someone joined the list, then the row id for ties.
        return self.filter(status=Registration.Status.WAITING).order_by("queued_at", "pk")

    def active(self):
        return self.filter(status__in=Registration.ACTIVE)


class Registration(models.Model):
    """One person's registration for one event. Its own model, so page edits and revisions never touch it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging per e-mail")
        CONFIRMED = "confirmed", _("aangemeld")
        WAITING = "waiting", _("op de wachtlijst")
        CANCELLED = "cancelled", _("afgemeld")

    class OrganisationKind(models.TextChoices):
        FORMAL = "formeel", _("formeel")
        INFORMAL = "informeel", _("informeel")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="registrations")
    table = models.ForeignKey(
        "events.DialogueTable",
        verbose_name=_("dialoogtafel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    name = models.CharField(_("naam"), max_length=160, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organisation_name = models.CharField(_("organisatie"), max_length=160, blank=True)
    # Kept after the personal data is erased, for the anonymous counts by organisation type.
    organisation_kind = models.CharField(
        _("soort organisatie"), max_length=10, choices=OrganisationKind.choices, blank=True
    )
    note = models.TextField(_("opmerking"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Registrations made together for a whole series share this key.
    series_key = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    queued_at = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("aanwezig"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)
    anonymised = models.BooleanField(_("geanonimiseerd"), default=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                "email",
                condition=Q(status__in=["pending", "confirmed", "waiting"]) & ~Q(email=""),
                name="one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="events_reg_event_status")]

    def __str__(self):
        return f"{self.name or self.email or self.pk} – {self.event_id}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def display_name(self):
        return self.name or self.email
