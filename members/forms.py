import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.taxonomy import Municipality

from .models import Invitation, JoinRequest, Membership, Organisation, Profile, WalkInHour


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


class ContactFieldsMixin:
    """Postcode and phone number as people type them, stored in one shape."""

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


class OrganisationProfileForm(ContactFieldsMixin, forms.ModelForm):
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


class RegisterOrganisationForm(ContactFieldsMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    municipality = forms.ModelChoiceField(
        label=_("gemeente"), queryset=Municipality.objects.order_by("name"), empty_label=_("Kies een gemeente"),
        help_text=_("De gemeente waar uw organisatie vooral werkt."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "municipality", "category", "description", "services",
            "address", "postcode", "city", "phone", "email", "website",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "services": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "kind": _("Formeel: bijvoorbeeld een gemeente, schuldhulpverlening of welzijnsorganisatie. "
                      "Informeel: bijvoorbeeld een moskee, kerk, migrantenorganisatie of vrijwilligersgroep."),
            "description": _("Wat doet uw organisatie, voor wie? Een paar zinnen in eenvoudige taal."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Organisation.Kind.choices
        self.fields["description"].required = True

    def clean(self):
        cleaned = super().clean()
        name, municipality = cleaned.get("name"), cleaned.get("municipality")
        if name and municipality and Organisation.objects.filter(name__iexact=name.strip(), municipality=municipality).exists():
            self.add_error(
                "name",
                _("Er staat al een organisatie met deze naam in %(municipality)s op het platform. "
                  "Vraag daar om lid te worden.") % {"municipality": municipality.name},
            )
        return cleaned


class PersonProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("achternaam"), max_length=150, required=False)

    class Meta:
        model = Profile
        fields = ["role", "bio", "expertise", "visibility"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": 600}),
            "expertise": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "bio": _("Wie bent u en waarmee kunt u anderen helpen? Hooguit 600 tekens."),
            "expertise": _("De thema's waar u verstand van heeft."),
            "visibility": _("Uw e-mailadres staat nooit op uw profiel."),
        }

    field_order = ["first_name", "last_name", "role", "bio", "expertise", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        cleaned = super().clean()
        visible = cleaned.get("visibility") in (Profile.Visibility.PUBLIC, Profile.Visibility.MEMBERS)
        if visible and not (cleaned.get("first_name", "").strip() or cleaned.get("last_name", "").strip()):
            self.add_error("first_name", _("Vul uw naam in als anderen uw profiel mogen zien."))
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=commit)
        user = profile.user
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        if commit:
            user.save(update_fields=["first_name", "last_name"])
        return profile


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}
        help_texts = {"message": _("Bijvoorbeeld wie u bent en wat u bij de organisatie doet.")}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"}), "role": forms.RadioSelect}
        labels = {"email": _("E-mailadres van de persoon die u uitnodigt")}


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("rol"), choices=Membership.Role.choices)
