"""What the help is and how to get it: the facts an organisation gives for all its help, and its services.

A service says only what differs from its organisation; ``Service.facts()`` fills the rest in. The fields follow
the Human Services Data Specification (HSDS): eligibility_description, fees_description, application_process,
required_documents, languages, interpretation_services and accessibility.
"""

import uuid
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import TextRules

HELP_TEXT_MAX_CHARS = 1000
SERVICE_DESCRIPTION_MAX_CHARS = 2000

HELP_TEXT_FIELDS = ("eligibility", "fees", "application_process", "required_documents", "accessibility")
HELP_YES_NO_FIELDS = ("is_free", "walk_in", "by_phone", "by_appointment", "by_referral", "interpreter", "wheelchair")
HELP_FIELDS = HELP_TEXT_FIELDS + HELP_YES_NO_FIELDS
WAYS_TO_ASK = ("walk_in", "by_phone", "by_appointment", "by_referral")


def yes_no_unknown(label):
    """Yes, no, or not said (empty): a service that says nothing takes its organisation's answer."""
    return models.BooleanField(label, null=True, blank=True)


def is_blank(value):
    return value is None or value == ""


class HowToGetHelp(models.Model):
    """Who the help is for, what it costs, how to ask for it, what to bring, and how accessible it is.
    Every field may stay empty ("not said"); rules apply to what is said."""

    eligibility = models.TextField(
        _("voor wie"), blank=True, help_text=_("In gewone woorden: wie kan deze hulp krijgen?")
    )
    is_free = yes_no_unknown(_("gratis"))
    fees = models.TextField(_("kosten"), blank=True, help_text=_("Wat kost het, als het niet gratis is?"))
    walk_in = yes_no_unknown(_("binnenlopen tijdens de inloop"))
    by_phone = yes_no_unknown(_("bellen"))
    by_appointment = yes_no_unknown(_("een afspraak maken"))
    by_referral = yes_no_unknown(_("via een verwijzing"))
    application_process = models.TextField(_("hoe vraagt u het aan"), blank=True)
    required_documents = models.TextField(_("wat neemt u mee"), blank=True)
    interpreter = yes_no_unknown(_("tolk mogelijk"))
    wheelchair = yes_no_unknown(_("rolstoeltoegankelijk"))
    accessibility = models.TextField(_("toegankelijkheid"), blank=True)

    help_text_max_lengths = dict.fromkeys(HELP_TEXT_FIELDS, HELP_TEXT_MAX_CHARS)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.is_free is False and not (self.fees or "").strip():
            raise ValidationError({"fees": _("Schrijf op wat de hulp kost, of vink aan dat hij gratis is.")})
        if self.is_free and (self.fees or "").strip():
            raise ValidationError({"fees": _("Gratis hulp heeft geen kosten. Laat de kosten leeg of vink gratis uit.")})


class ServiceQuerySet(models.QuerySet):
    def public(self):
        """Services of public (verified) organisations."""
        return self.filter(organisation__status="verified")


class Service(TextRules, HowToGetHelp):
    """One kind of help an organisation gives. What it leaves empty, its organisation's facts fill in."""

    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="help_services"
    )
    name = models.CharField(_("naam"), max_length=160)
    description = models.TextField(_("omschrijving"), blank=True)
    themes = models.ManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True, related_name="help_services")
    target_groups = models.ManyToManyField(
        "core.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="help_services"
    )
    languages = models.ManyToManyField(
        "members.Language", verbose_name=_("talen"), blank=True, related_name="help_services"
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    modified = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    single_line_fields = ["name"]
    multiline_fields = ["description", *HELP_TEXT_FIELDS]
    text_max_lengths = {"description": SERVICE_DESCRIPTION_MAX_CHARS, **HowToGetHelp.help_text_max_lengths}

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["organisation", "sort_order", "name"]
        constraints = [models.UniqueConstraint("organisation", "name", name="unique_service_name_per_organisation")]

    def __str__(self):
        return self.name

    def facts(self):
        """The effective facts: this service's own where it says something, else its organisation's.
        ``languages`` too: the service's own languages, or the organisation's when it names none."""
        organisation = self.organisation
        values = {
            name: getattr(organisation, name) if is_blank(getattr(self, name)) else getattr(self, name)
            for name in HELP_FIELDS
        }
        own_languages = list(self.languages.all()) if self.pk else []
        values["languages"] = own_languages or list(organisation.languages.all())
        values["ways_to_ask"] = [name for name in WAYS_TO_ASK if values[name]]
        return SimpleNamespace(**values)

    def clean(self):
        super().clean()
        if self.organisation_id is None:
            return
        facts = self.facts()
        if facts.is_free is False and not (facts.fees or "").strip():
            raise ValidationError({"fees": _("Schrijf op wat de hulp kost, of vink aan dat hij gratis is.")})
        if not facts.ways_to_ask and not (facts.application_process or "").strip():
            raise ValidationError(
                _(
                    "Zeg hoe iemand deze hulp vraagt: kies minstens één manier (binnenlopen, bellen, afspraak, "
                    "verwijzing) of beschrijf hoe het gaat."
                )
            )
