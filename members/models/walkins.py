"""Exceptions to an organisation's weekly walk-in hours, and walk-ins that several organisations share.

The weekly hours themselves are ``WalkInHour`` (organisations.py). ``members.openinghours`` turns all of
this into the actual walk-in times.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.fields import PostcodeField
from core.text import TextRules

from .organisations import MAX_WALK_IN_HOURS, Organisation, WalkInHour, validate_not_reserved

# A closure or changed hours longer than this is not an exception but new weekly hours.
MAX_EXCEPTION_DAYS = 184
# A notice is read in passing: one sentence.
NOTICE_MAX_CHARS = 160
REASON_MAX_CHARS = 120
# More exceptions than this per organisation is a mistake (or an attack filling the database).
MAX_EXCEPTIONS = 30
MAX_TURNS = 20


def period_errors(starts, ends, max_days=MAX_EXCEPTION_DAYS):
    """Dutch errors for a period of dates ``starts``..``ends`` (both included), keyed by field."""
    if starts is None or ends is None:
        return {}
    if ends < starts:
        return {"ends": [_("De einddatum moet op of na de begindatum liggen.")]}
    if (ends - starts).days + 1 > max_days:
        return {"ends": [_("Een periode duurt hoogstens %(days)d dagen.") % {"days": max_days}]}
    return {}


def overlapping(queryset, starts, ends):
    """The periods in ``queryset`` that share a day with ``starts``..``ends``."""
    return queryset.filter(starts__lte=ends, ends__gte=starts)


class PeriodQuerySet(models.QuerySet):
    def between(self, first, last):
        """Periods that share a day with ``first``..``last`` (dates, both included)."""
        return overlapping(self, first, last)


class Period(TextRules, models.Model):
    """A run of whole days, both ends included, belonging to one organisation."""

    starts = models.DateField(_("van"))
    ends = models.DateField(_("tot en met"))

    objects = PeriodQuerySet.as_manager()
    overlap_message = _("Deze periode overlapt met een andere periode (%(period)s). Pas een van beide aan.")

    class Meta:
        abstract = True
        ordering = ["starts"]

    def period_label(self):
        if self.starts == self.ends:
            return f"{self.starts:%d-%m-%Y}"
        return f"{self.starts:%d-%m-%Y} – {self.ends:%d-%m-%Y}"

    def more_field_errors(self, skip):
        if {"starts", "ends"} & skip:
            return {}
        return period_errors(self.starts, self.ends, self.max_days)

    max_days = MAX_EXCEPTION_DAYS

    def overlap_siblings(self):
        return type(self).objects.filter(organisation_id=self.organisation_id)

    def clean(self):
        super().clean()
        if self.starts is None or self.ends is None or self.ends < self.starts or self.organisation_id is None:
            return
        other = overlapping(self.overlap_siblings().exclude(pk=self.pk), self.starts, self.ends).first()
        if other is not None:
            raise ValidationError(self.overlap_message % {"period": other.period_label()}, code="overlap")


class WalkInClosure(Period):
    """Days without walk-in: a holiday, the summer break."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="walk_in_closures")
    reason = models.CharField(
        _("reden"), max_length=REASON_MAX_CHARS, blank=True, help_text=_("Bijvoorbeeld: kerstvakantie.")
    )

    panels = [FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]), FieldPanel("reason")]
    single_line_fields = ["reason"]
    overlap_message = _("Deze sluiting overlapt met een andere sluiting (%(period)s). Pas een van beide aan.")

    class Meta(Period.Meta):
        verbose_name = _("sluiting van de inloop")
        verbose_name_plural = _("sluitingen van de inloop")
        constraints = [models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="closure_order")]

    def __str__(self):
        return f"{self.period_label()} {self.reason}".strip()


class WalkInChangedHours(Period, ClusterableModel):
    """Other weekly hours for a period (Ramadan, school holidays): in the period they replace the normal ones.
    A weekday without hours in the period has no walk-in."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="walk_in_changes")
    reason = models.CharField(
        _("reden"), max_length=REASON_MAX_CHARS, blank=True, help_text=_("Bijvoorbeeld: ramadan.")
    )

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("reason"),
        InlinePanel("hours", label=_("Spreekuren in deze periode"), max_num=MAX_WALK_IN_HOURS),
    ]
    single_line_fields = ["reason"]
    overlap_message = _("Deze periode overlapt met andere gewijzigde tijden (%(period)s). Pas een van beide aan.")

    class Meta(Period.Meta):
        verbose_name = _("gewijzigde inlooptijden")
        verbose_name_plural = _("gewijzigde inlooptijden")
        constraints = [models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="changed_order")]

    def __str__(self):
        return f"{self.organisation} {self.period_label()} {self.reason}".strip()


class WalkInChangedHour(Orderable):
    """One weekly walk-in hour during a period of changed hours."""

    period = ParentalKey(WalkInChangedHours, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=WalkInHour.Weekday.choices)
    starts = models.TimeField(_("van"))
    ends = models.TimeField(_("tot"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")])]

    class Meta(Orderable.Meta):
        verbose_name = _("spreekuur in de periode")
        verbose_name_plural = _("spreekuren in de periode")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gt=models.F("starts")), name="changed_hour_order")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("De eindtijd moet na de begintijd liggen.")})


class WalkInNotice(Period):
    """A short notice on the profile ("Deze week geen inloop"), shown from one day until another."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="walk_in_notices")
    text = models.CharField(_("mededeling"), max_length=NOTICE_MAX_CHARS)

    panels = [FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]), FieldPanel("text")]
    single_line_fields = ["text"]
    max_days = 62
    overlap_message = _("Er staat in deze periode al een mededeling (%(period)s). Pas die aan of verwijder die eerst.")

    class Meta(Period.Meta):
        verbose_name = _("mededeling over de inloop")
        verbose_name_plural = _("mededelingen over de inloop")
        constraints = [models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="notice_order")]

    def __str__(self):
        return self.text


class SharedWalkInQuerySet(models.QuerySet):
    def public(self):
        """Shown on the site: at least one verified partner."""
        return self.filter(partners__status=Organisation.Status.VERIFIED).distinct()


class SharedWalkIn(TextRules, ClusterableModel):
    """A walk-in that several organisations hold together at one place (a Financieel Huis, a Wegwijscafé):
    one place and schedule, the partners take turns."""

    name = models.CharField(_("naam"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, validators=[validate_not_reserved])
    description = models.TextField(_("omschrijving"), blank=True, max_length=2000)
    address = models.CharField(_("adres"), max_length=200)
    postcode = PostcodeField(_("postcode"), blank=True)
    city = models.CharField(_("plaats"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="shared_walk_ins"
    )
    partners = ParentalManyToManyField(
        Organisation, verbose_name=_("partners"), related_name="shared_walk_ins", blank=False
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")], heading=_("Gezamenlijke inloop")
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            ],
            heading=_("Waar"),
        ),
        FieldPanel("partners"),
        InlinePanel("turns", label=_("Wie is er wanneer"), max_num=MAX_TURNS),
    ]
    single_line_fields = ["name", "address", "postcode", "city"]
    multiline_fields = ["description"]

    objects = SharedWalkInQuerySet.as_manager()

    class Meta:
        verbose_name = _("gezamenlijke inloop")
        verbose_name_plural = _("gezamenlijke inloop")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:shared_walk_in", args=[self.slug])

    @property
    def full_address(self):
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.address, place) if part)


class SharedWalkInTurn(Orderable):
    """Which partner is there when: every week, or only the nth weekday of the month."""

    class Week(models.IntegerChoices):
        FIRST = 1, _("eerste")
        SECOND = 2, _("tweede")
        THIRD = 3, _("derde")
        FOURTH = 4, _("vierde")
        LAST = -1, _("laatste")

    walk_in = ParentalKey(SharedWalkIn, on_delete=models.CASCADE, related_name="turns")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="shared_walk_in_turns"
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=WalkInHour.Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("week van de maand"),
        choices=Week.choices,
        null=True,
        blank=True,
        help_text=_("Leeg: elke week. Anders bijvoorbeeld alleen de eerste dinsdag van de maand."),
    )
    starts = models.TimeField(_("van"))
    ends = models.TimeField(_("tot"))

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("week_of_month")]),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("beurt")
        verbose_name_plural = _("beurten")
        constraints = [models.CheckConstraint(condition=models.Q(ends__gt=models.F("starts")), name="turn_order")]

    def __str__(self):
        return f"{self.when_label()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def when_label(self):
        day = self.get_weekday_display()
        if self.week_of_month is None:
            return _("elke %(day)s") % {"day": day}
        return _("%(week)s %(day)s van de maand") % {"week": self.get_week_of_month_display(), "day": day}

    def falls_on(self, date):
        if date.weekday() != self.weekday:
            return False
        if self.week_of_month is None:
            return True
        if self.week_of_month == self.Week.LAST:
            return (date + datetime.timedelta(days=7)).month != date.month
        return (date.day - 1) // 7 + 1 == self.week_of_month

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends and self.ends <= self.starts:
            errors["ends"] = [_("De eindtijd moet na de begintijd liggen.")]
        walk_in = getattr(self, "walk_in", None)
        if walk_in is not None and walk_in.pk and self.organisation_id:
            partner_ids = {partner.pk for partner in walk_in.partners.all()}
            if partner_ids and self.organisation_id not in partner_ids:
                errors["organisation"] = [_("Alleen een partner van deze inloop kan een beurt hebben.")]
        if errors:
            raise ValidationError(errors)
