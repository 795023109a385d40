import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import TextRules

from .organisations import Membership, Organisation

INVITATION_VALID_FOR = datetime.timedelta(days=14)


class Profile(TextRules, models.Model):
    """What a member tells others about themselves. The email address is never part of it."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("openbaar: iedereen kan mijn profiel zien")
        MEMBERS = "members", _("alleen voor ingelogde leden")
        HIDDEN = "hidden", _("verborgen: alleen ikzelf")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(
        _("rol of functie"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: vrijwilliger schuldhulp, imam, beleidsmedewerker."),
    )
    bio = models.TextField(_("korte introductie"), max_length=600, blank=True)
    expertise = models.ManyToManyField("core.Theme", verbose_name=_("expertise"), blank=True, related_name="experts")
    # Privacy by default: nobody sees a profile until its owner chooses otherwise.
    visibility = models.CharField(
        _("wie mag mijn profiel zien"), max_length=10, choices=Visibility.choices, default=Visibility.HIDDEN
    )
    updated = models.DateTimeField(auto_now=True)

    single_line_fields = ["role"]
    multiline_fields = ["bio"]

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("members:person", args=[self.pk])


class JoinRequest(TextRules, models.Model):
    """A member asks to join a verified organisation; its admins decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op beslissing")
        APPROVED = "approved", _("goedgekeurd")
        DECLINED = "declined", _("afgewezen")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(_("bericht aan de beheerders"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now)
    decided = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    multiline_fields = ["message"]

    class Meta:
        verbose_name = _("verzoek om lid te worden")
        verbose_name_plural = _("verzoeken om lid te worden")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                "user", "organisation", condition=models.Q(status="pending"), name="one_pending_join_request"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation} ({self.get_status_display()})"


class Invitation(models.Model):
    """An admin invites an email address; the link in the email is signed and expires."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    accepted = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def expires(self):
        return self.created + INVITATION_VALID_FOR

    @property
    def is_open(self):
        return self.accepted is None and self.revoked is None and timezone.now() < self.expires


class ProfileClaim(TextRules, models.Model):
    """Someone asks to manage the profile of an organisation that has no admin; editors decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op beslissing")
        APPROVED = "approved", _("goedgekeurd")
        DECLINED = "declined", _("afgewezen")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_claims")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    role = models.CharField(_("uw functie of rol bij de organisatie"), max_length=150)
    message = models.TextField(
        _("toelichting voor de redactie"),
        max_length=1000,
        blank=True,
        help_text=_("Bijvoorbeeld hoe de redactie kan nagaan dat u bij de organisatie hoort."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now)
    decided = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("toelichting bij de beslissing"), max_length=500, blank=True)

    single_line_fields = ["role"]
    multiline_fields = ["message", "reason"]

    class Meta:
        verbose_name = _("aanvraag om een profiel te beheren")
        verbose_name_plural = _("aanvragen om een profiel te beheren")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                "user", "organisation", condition=models.Q(status="pending"), name="one_pending_profile_claim"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation} ({self.get_status_display()})"
