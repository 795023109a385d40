import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, WalkInHour


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter controle dat u het echt zelf bent."),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden verwijderd."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password


POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
PHONE = re.compile(r"^[0-9+\-() ]{6,30}$")


class OrganisationProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "description", "category", "services", "target_groups", "languages",
            "neighbourhood", "address", "postcode", "city", "phone", "email", "website",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "services": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not value:
            return value
        match = POSTCODE.match(value)
        if not match:
            raise forms.ValidationError(_("Vul een postcode in als 1234 AB."))
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE.match(value):
            raise forms.ValidationError(_("Een telefoonnummer bestaat uit cijfers, spaties, + of -."))
        return value


class WalkInHourForm(forms.ModelForm):
    class Meta:
        model = WalkInHour
        fields = ["weekday", "starts", "ends", "place"]
        widgets = {
            "starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("De eindtijd moet na de begintijd liggen."))
        return cleaned


WalkInHourFormSet = forms.inlineformset_factory(
    Organisation, WalkInHour, form=WalkInHourForm, fk_name="organisation", extra=1, can_delete=True, max_num=20
)
