"""A piece of news for one member: shown under the bell and sent by email once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from follows.models import NewsKind


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def visible(self):
        """Only news about pages that are still live and public: a withdrawn or closed page is not news."""
        return self.filter(page__live=True, page__view_restrictions__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("soort nieuws"), max_length=20, choices=NewsKind.choices)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # Tells two pieces of news about the same page apart (e.g. each change of a meeting); empty for "new".
    key = models.CharField(max_length=40, blank=True, default="")
    title = models.CharField(_("titel"), max_length=255)
    line = models.CharField(_("korte omschrijving"), max_length=300, blank=True)
    url = models.CharField(_("adres"), max_length=500)
    theme = models.ForeignKey(
        "core.Theme", verbose_name=_("thema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # Set when a send run claims the row (and kept once sent): a row is emailed at most once.
    emailed_at = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint("recipient", "page", "kind", "key", name="notify_once")]
        indexes = [
            models.Index("recipient", "read_at", name="notification_unread"),
            models.Index("emailed_at", "kind", name="notification_unsent"),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.title}"
