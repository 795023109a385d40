"""Forms with which an organisation's admins keep its help and walk-in exceptions right on the site.

The rules are the models' (HowToGetHelp.clean, Service.clean, Period.clean with its overlap check); these
forms add what the models cannot see: a service name that the organisation already uses."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.taxonomy import TargetGroup, Theme

from .models import (
    Language,
    Service,
    WalkInChangedHour,
    WalkInChangedHours,
    WalkInClosure,
    WalkInHour,
    WalkInNotice,
)
from .models.organisations import MAX_WALK_IN_HOURS
from .models.services import HELP_TEXT_FIELDS, HELP_YES_NO_FIELDS


class YesNoUnknown(forms.RadioSelect):
    """Yes, no, or not said: three radio buttons for a nullable yes/no field."""

    unknown_label = _("niet gezegd")

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("unknown", self.unknown_label), ("true", _("ja")), ("false", _("nee"))])

    def format_value(self, value):
        # The stored True/False, or the posted "true"/"false" when the form comes back with errors.
        text = str(value).lower()
        return [text if text in ("true", "false") else "unknown"]


class AsOrganisation(YesNoUnknown):
    """For a service, "not said" means: what the organisation says."""

    unknown_label = _("zoals bij de organisatie")


# The order in which a person answers: for whom, what it costs, how to ask, what to bring, access.
HELP_FORM_FIELDS = [
    "eligibility",
    "is_free",
    "fees",
    "walk_in",
    "by_phone",
    "by_appointment",
    "by_referral",
    "application_process",
    "required_documents",
    "interpreter",
    "wheelchair",
    "accessibility",
]


def help_widgets(yes_no_widget):
    return {
        **dict.fromkeys(HELP_YES_NO_FIELDS, yes_no_widget),
        **{name: forms.Textarea(attrs={"rows": 3, "maxlength": 1000}) for name in HELP_TEXT_FIELDS},
    }


HELP_WIDGETS = help_widgets(YesNoUnknown)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OfOrganisation:
    """The organisation is set before validation: the models' rules (overlaps, the facts a service takes from
    its organisation) need it."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


class ServiceForm(OfOrganisation, forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "description", "themes", "target_groups", "languages", *HELP_FORM_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            **help_widgets(AsOrganisation),
        }
        help_texts = {
            "name": _("Bijvoorbeeld: Thuisadministratie, Budgetcursus of Hulp bij formulieren."),
            "languages": _("Alleen als die anders zijn dan de talen van de organisatie."),
        }
        error_messages = {"name": {"required": _("Geef de dienst een naam.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("name")
        self.fields["languages"].queryset = Language.objects.order_by("name")
        self.fields["themes"].required = True
        self.fields["themes"].error_messages["required"] = _("Kies minstens één thema.")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        namesakes = Service.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if namesakes.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Uw organisatie heeft al een dienst met deze naam."))
        return name


class ClosureForm(OfOrganisation, forms.ModelForm):
    class Meta:
        model = WalkInClosure
        fields = ["starts", "ends", "reason"]
        widgets = {"starts": DATE, "ends": DATE}


class NoticeForm(OfOrganisation, forms.ModelForm):
    class Meta:
        model = WalkInNotice
        fields = ["starts", "ends", "text"]
        widgets = {"starts": DATE, "ends": DATE}
        help_texts = {"text": _("Eén zin, bijvoorbeeld: Deze week geen inloop door de verbouwing.")}
        labels = {"starts": _("Tonen vanaf"), "ends": _("Tonen tot en met")}


class ChangedHoursForm(OfOrganisation, forms.ModelForm):
    class Meta:
        model = WalkInChangedHours
        fields = ["starts", "ends", "reason"]
        widgets = {"starts": DATE, "ends": DATE}


class EndsAfterStarts:
    """Form mixin for a walk-in hour: its end lies after its start."""

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("De eindtijd moet na de begintijd liggen."))
        return cleaned


class ChangedHourForm(EndsAfterStarts, forms.ModelForm):
    class Meta:
        model = WalkInChangedHour
        fields = ["weekday", "starts", "ends"]
        widgets = {"starts": TIME, "ends": TIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekday"].choices = [("", _("Kies een dag")), *WalkInHour.Weekday.choices]


class BaseChangedHourFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": _("Een periode kan hoogstens %(num)d spreekuren hebben."),
        "too_few_forms": _("Vul ten minste %(num)d spreekuren in."),
    }


# No rows at all is allowed: in the period there is then no walk-in on any day.
ChangedHourFormSet = forms.inlineformset_factory(
    WalkInChangedHours,
    WalkInChangedHour,
    form=ChangedHourForm,
    formset=BaseChangedHourFormSet,
    fk_name="period",
    extra=3,
    can_delete=False,
    max_num=MAX_WALK_IN_HOURS,
    absolute_max=MAX_WALK_IN_HOURS,
    validate_max=True,
)
