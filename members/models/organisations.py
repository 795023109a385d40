import datetime
import uuid
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.fields import PhoneNumberField, PostcodeField
from core.taxonomy import NamedEntry
from core.text import TextRules

from .services import HELP_TEXT_FIELDS, HowToGetHelp

STALE_AFTER = datetime.timedelta(days=365)
# A profile's description is read on a phone: a few paragraphs, not a document.
DESCRIPTION_MAX_CHARS = 5000
# More rows than days times a few sessions is a mistake (or an attack filling the database).
MAX_WALK_IN_HOURS = 20
# Path segments under /organisaties/ that a view uses: no organisation may take them as its slug
# (tests/members/test_organisation_rules.py checks this against the URLconf).
RESERVED_SLUGS = frozenset({"nieuw"})
# Roughly the Netherlands' bounding box: a marker outside it is a typo (or swapped coordinates).
NETHERLANDS = {"latitude": (Decimal("50.7"), Decimal("53.6")), "longitude": (Decimal("3.3"), Decimal("7.3"))}


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("Het adres %(slug)s is al in gebruik voor een pagina van de site. Kies een ander.") % {"slug": slug},
            code="reserved_slug",
        )


def tel_href(phone):
    """A phone number as a tel: link: digits only, with a leading + kept; empty without digits."""
    digits = "".join(character for character in phone if character.isdigit())
    return ("tel:+" if phone.strip().startswith("+") else "tel:") + digits if digits else ""


class OrganisationCategory(NamedEntry):
    class Meta(NamedEntry.Meta):
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")


class Language(NamedEntry):
    class Meta(NamedEntry.Meta):
        verbose_name = _("taal")
        verbose_name_plural = _("talen")


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Visible to everyone: on the social map, in search, named on stories and events."""
        return self.filter(status=Organisation.Status.VERIFIED)

    def active(self):
        """Not archived: its members may still act for it (register for events, submit stories)."""
        return self.exclude(status=Organisation.Status.ARCHIVED)


class Organisation(TextRules, index.Indexed, HowToGetHelp, ClusterableModel):
    """An organisation on the social map. Only verified organisations are public and may publish."""

    class Kind(models.TextChoices):
        FORMAL = "formeel", _("formeel")
        INFORMAL = "informeel", _("informeel")

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        AWAITING = "awaiting", _("wacht op verificatie")
        VERIFIED = "verified", _("geverifieerd")
        ARCHIVED = "archived", _("gearchiveerd")

    name = models.CharField(_("naam"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, validators=[validate_not_reserved])
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AWAITING)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations", verbose_name=_("leden")
    )
    category = models.ForeignKey(
        OrganisationCategory,
        verbose_name=_("categorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    description = models.TextField(_("omschrijving"), blank=True)
    services = ParentalManyToManyField(
        "core.Theme", verbose_name=_("hulp bij"), blank=True, related_name="organisations"
    )
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="organisations"
    )
    languages = ParentalManyToManyField(Language, verbose_name=_("talen"), blank=True, related_name="organisations")
    neighbourhood = models.CharField(_("wijk"), max_length=120, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = PostcodeField(_("postcode"), blank=True)
    city = models.CharField(_("plaats"), max_length=120, blank=True)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    phone = PhoneNumberField(_("telefoon"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_confirmed = models.DateField(_("laatst bevestigd als actueel"), default=timezone.localdate)
    reminder_sent = models.DateField(_("herinnering verstuurd"), null=True, blank=True, editable=False)
    # The public, stable id other systems know the organisation by (HSDS); never reused, never edited.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    modified = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
                FieldPanel("status"),
                FieldPanel("description"),
                FieldPanel("logo"),
            ],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [FieldPanel("services"), FieldPanel("target_groups"), FieldPanel("languages")],
            heading=_("Wat en voor wie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("neighbourhood"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"), FieldPanel("last_confirmed")],
            heading=_("Contact"),
        ),
        InlinePanel("walk_in_hours", label=_("Spreekuren"), max_num=MAX_WALK_IN_HOURS),
        InlinePanel("walk_in_closures", label=_("Sluitingen van de inloop"), max_num=30),
        InlinePanel("walk_in_notices", label=_("Mededelingen over de inloop"), max_num=30),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("fees")]),
                FieldRowPanel(
                    [
                        FieldPanel("walk_in"),
                        FieldPanel("by_phone"),
                        FieldPanel("by_appointment"),
                        FieldPanel("by_referral"),
                    ]
                ),
                FieldPanel("application_process"),
                FieldPanel("required_documents"),
                FieldRowPanel([FieldPanel("interpreter"), FieldPanel("wheelchair")]),
                FieldPanel("accessibility"),
            ],
            heading=_("Hoe krijgt u hulp"),
        ),
    ]
    single_line_fields = ["name", "neighbourhood", "address", "postcode", "city", "phone"]
    multiline_fields = ["description", *HELP_TEXT_FIELDS]
    text_max_lengths = {"description": DESCRIPTION_MAX_CHARS, **HowToGetHelp.help_text_max_lengths}
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("status"),
    ]

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [models.UniqueConstraint("name", "municipality", name="unique_organisation_per_municipality")]

    def __str__(self):
        return self.name

    def more_field_errors(self, skip):
        """A map location is both coordinates or neither, and lies in the Netherlands. Checked with the fields
        rather than in clean(): a form that already refused one coordinate leaves both alone."""
        if set(NETHERLANDS) & skip:
            return {}
        given = {name: getattr(self, name) for name in NETHERLANDS}
        if (given["latitude"] is None) != (given["longitude"] is None):
            missing = "latitude" if given["latitude"] is None else "longitude"
            return {missing: [_("Vul zowel de breedtegraad als de lengtegraad in, of laat beide leeg.")]}
        message = _(
            "Deze plek ligt niet in Nederland. De breedtegraad ligt tussen 50,7 en 53,6, "
            "de lengtegraad tussen 3,3 en 7,3."
        )
        return {
            name: [message]
            for name, (low, high) in NETHERLANDS.items()
            if given[name] is not None and not low <= given[name] <= high
        }

    @property
    def is_public(self):
        """In ``Organisation.objects.public()``: verified."""
        return self.status == self.Status.VERIFIED

    @property
    def is_stale(self):
        return self.last_confirmed < timezone.localdate() - STALE_AFTER

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:organisation", args=[self.slug])

    @property
    def full_address(self):
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.address, place) if part)

    @property
    def route_url(self):
        """A route planner link to the address; only a link, nothing is loaded from the map site."""
        if not self.address:
            return ""
        return "https://www.google.com/maps/dir/?" + urlencode({"api": "1", "destination": self.full_address})

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def website_label(self):
        """The website without its scheme and trailing slash, as people say it."""
        parts = urlsplit(self.website)
        return (parts.netloc + parts.path).removeprefix("www.").rstrip("/")


class WalkInHour(Orderable):
    """A weekly walk-in hour (spreekuur)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("maandag")
        TUESDAY = 1, _("dinsdag")
        WEDNESDAY = 2, _("woensdag")
        THURSDAY = 3, _("donderdag")
        FRIDAY = 4, _("vrijdag")
        SATURDAY = 5, _("zaterdag")
        SUNDAY = 6, _("zondag")

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="walk_in_hours")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    starts = models.TimeField(_("van"))
    ends = models.TimeField(_("tot"))
    place = models.CharField(
        _("plaats"), max_length=160, blank=True, help_text=_("Leeg: op het adres van de organisatie.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")]), FieldPanel("place")]

    class Meta(Orderable.Meta):
        verbose_name = _("spreekuur")
        verbose_name_plural = _("spreekuren")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gt=models.F("starts")), name="walk_in_ends_after_start")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def is_today(self):
        return self.weekday == timezone.localdate().weekday()


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("beheerder")
        MEMBER = "member", _("lid")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint("user", "organisation", name="one_membership_per_organisation")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
