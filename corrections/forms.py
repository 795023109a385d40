from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ErrorReport


class ErrorReportForm(forms.Form):
    field_group = forms.ChoiceField(
        label=_("Wat klopt er niet?"), choices=ErrorReport.FieldGroup.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Wat moet er anders?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bijvoorbeeld het juiste telefoonnummer of de nieuwe openingstijden."),
    )
    reporter_email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"),
        required=False,
        help_text=_("Alleen om u te laten weten wat er met uw melding is gedaan. Daarna wissen wij het."),
    )
    # A field people do not see (hidden by CSS, skipped by screen readers); robots fill it in.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Beschrijf wat er niet klopt."))
        return text

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class CloseReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Afhandeling"),
        choices=[(ErrorReport.Status.FIXED, _("Verbeterd")), (ErrorReport.Status.DISMISSED, _("Afwijzen"))],
    )
    reason = forms.CharField(
        label=_("Reden (verplicht bij afwijzen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
