"""A newsletter composed in the admin, and one delivery row per address it goes to."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

# The page types an editor may put in a newsletter: material and meetings.
ITEM_PAGE_TYPES = ["library.StoryPage", "library.GuidePage", "library.PlaybookPage", "events.EventPage"]


class Newsletter(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        SENDING = "sending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")

    subject = models.CharField(_("onderwerp"), max_length=150)
    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    theme = models.ForeignKey(
        "core.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Alleen voor wie dit thema volgt of erop geabonneerd is. Leeg: iedereen."),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Alleen voor wie deze gemeente volgt of erop geabonneerd is. Leeg: iedereen."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sending_started = models.DateTimeField(_("verzenden begonnen"), null=True, blank=True, editable=False)
    sent = models.DateTimeField(_("verstuurd op"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("subject"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("municipality")],
            heading=_("Ontvangers"),
            help_text=_("Met een thema en een gemeente krijgt iedereen die één van beide volgt de nieuwsbrief."),
        ),
        InlinePanel("items", heading=_("Inhoud"), label=_("pagina")),
    ]

    class Meta:
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        ordering = ["-created"]
        permissions = [("send_newsletter", _("Kan nieuwsbrieven versturen"))]

    def __str__(self):
        return self.subject

    def clean(self):
        if self.pk and Newsletter.objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise ValidationError(_("Een verstuurde nieuwsbrief verandert niet meer."))

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def segment_label(self):
        parts = [str(part) for part in (self.theme, self.municipality) if part]
        return " / ".join(parts) if parts else str(_("alle abonnees"))

    def progress(self):
        """(sent, total) over the delivery rows; skipped addresses count as done."""
        counts = self.deliveries.aggregate(
            total=models.Count("pk"),
            done=models.Count("pk", filter=~models.Q(status=Delivery.Status.PENDING)),
        )
        return counts["done"], counts["total"]

    @admin.display(description=_("verstuurd"))
    def progress_label(self):
        done, total = self.progress()
        return f"{done}/{total}" if total else ""


class NewsletterItem(Orderable):
    newsletter = ParentalKey(Newsletter, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("pagina"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", ITEM_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def clean(self):
        if self.page_id and self.page.specific_class._meta.label not in ITEM_PAGE_TYPES:
            raise ValidationError({"page": _("Kies een praktijkverhaal, handreiking, draaiboek of bijeenkomst.")})


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Delivery.Status.PENDING)


class Delivery(models.Model):
    """One address a newsletter goes to. Made for every recipient when sending starts; the unique
    constraint means no address is in a newsletter twice, the status that none is sent twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht")
        SENT = "sent", _("verstuurd")
        SKIPPED = "skipped", _("overgeslagen (geblokkeerd adres)")
        FAILED = "failed", _("mislukt")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subscription = models.ForeignKey(
        "follows.EmailSubscription", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [models.UniqueConstraint("newsletter", "email", name="newsletter_once_per_address")]
        indexes = [models.Index("newsletter", "status", name="delivery_progress")]

    def __str__(self):
        return f"{self.newsletter} → {self.email}"
