"""Who wants to hear about what, and how often: the data that notifications, digests and newsletters read."""

import functools
import operator

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# What a member may follow, as "app_label.model". Pages of a series are followed as the series page itself.
FOLLOWABLE = (
    "core.theme",
    "core.targetgroup",
    "core.municipality",
    "members.organisation",
    "events.eventseriespage",
    "members.profile",
)


def followable_content_types():
    return functools.reduce(
        operator.or_,
        (models.Q(app_label=app_label, model=model) for app_label, model in (label.split(".") for label in FOLLOWABLE)),
    )


class FollowQuerySet(models.QuerySet):
    def of(self, target):
        """The follows of one theme, organisation, series, ..."""
        return self.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)


class Follow(models.Model):
    """A member follows a theme, target group, municipality, organisation, series of meetings or person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, limit_choices_to=followable_content_types, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("volgt")
        verbose_name_plural = _("volgt")
        constraints = [models.UniqueConstraint("user", "content_type", "object_id", name="follow_once")]
        indexes = [models.Index("content_type", "object_id", name="follow_target")]

    def __str__(self):
        return f"{self.user} → {self.target}"

    def clean(self):
        if self.content_type_id and f"{self.content_type.app_label}.{self.content_type.model}" not in FOLLOWABLE:
            raise ValidationError(_("Dit kunt u niet volgen."), code="not_followable")


class NewsKind(models.TextChoices):
    """Kinds of news a member can set a frequency for."""

    MATERIAL = "material", _("nieuwe praktijkverhalen, handreikingen en draaiboeken")
    MEETING = "meeting", _("nieuwe bijeenkomsten")
    MEETING_CHANGE = "meeting_change", _("wijzigingen en afgelastingen van bijeenkomsten die u volgt")
    REPLY = "reply", _("antwoorden en reacties")
    NEWSLETTER = "newsletter", _("de nieuwsbrief")


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("direct")
    DAILY = "daily", _("dagelijks overzicht")
    WEEKLY = "weekly", _("wekelijks overzicht")
    NEVER = "never", _("nooit per e-mail")


# Without a choice of their own: changes to a meeting someone follows matter now, the rest can wait a week.
DEFAULT_FREQUENCY = {
    NewsKind.MATERIAL: Frequency.WEEKLY,
    NewsKind.MEETING: Frequency.WEEKLY,
    NewsKind.MEETING_CHANGE: Frequency.IMMEDIATELY,
    NewsKind.REPLY: Frequency.DAILY,
    NewsKind.NEWSLETTER: Frequency.IMMEDIATELY,  # "receive it"
}


class DeliveryPreference(models.Model):
    """How often a member gets email about one kind of news. No row: DEFAULT_FREQUENCY."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_preferences")
    kind = models.CharField(_("soort nieuws"), max_length=20, choices=NewsKind.choices)
    frequency = models.CharField(_("hoe vaak"), max_length=12, choices=Frequency.choices)

    class Meta:
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")
        constraints = [models.UniqueConstraint("user", "kind", name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} – {self.get_frequency_display()}"


class EmailSubscription(models.Model):
    """A visitor without an account gets news about one theme or one municipality by email.

    A row exists only after the visitor confirmed the address (double opt-in): the confirmation
    link itself carries the address and the choice, signed."""

    email = models.EmailField(_("e-mailadres"))
    theme = models.ForeignKey(
        "core.Theme", verbose_name=_("thema"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("taal"), max_length=10, default=settings.LANGUAGE_CODE)
    confirmed = models.DateTimeField(_("bevestigd op"), auto_now_add=True)
    # What was published up to this moment has been sent: the next digest starts after it.
    last_sent = models.DateTimeField(_("laatste e-mail"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("e-mailabonnement")
        verbose_name_plural = _("e-mailabonnementen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(theme__isnull=True, municipality__isnull=False)
                | models.Q(theme__isnull=False, municipality__isnull=True),
                name="subscription_has_one_subject",
            ),
            models.UniqueConstraint("email", "theme", name="subscribe_theme_once"),
            models.UniqueConstraint("email", "municipality", name="subscribe_municipality_once"),
        ]

    def __str__(self):
        return f"{self.email} → {self.theme or self.municipality}"

    @property
    def subject(self):
        return self.theme or self.municipality


class SuppressedAddress(models.Model):
    """An address that bounced or complained: nothing is sent to it any more, whatever it subscribed to."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("onbestelbaar")
        COMPLAINT = "complaint", _("klacht (spam gemeld)")
        UNSUBSCRIBED = "unsubscribed", _("afgemeld voor alle e-mail")

    email = models.EmailField(_("e-mailadres"), unique=True)
    reason = models.CharField(_("reden"), max_length=12, choices=Reason.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("geblokkeerd adres")
        verbose_name_plural = _("geblokkeerde adressen")

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"

    def clean(self):
        # One row per address, however it was typed; sending compares case-insensitively too.
        self.email = (self.email or "").strip().lower()
