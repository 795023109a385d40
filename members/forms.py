from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from core.taxonomy import Municipality
from core.text import single_line

from .editing_forms import HELP_FORM_FIELDS, HELP_WIDGETS, EndsAfterStarts
from .models import Invitation, JoinRequest, Membership, Organisation, Profile, ProfileClaim, WalkInHour
from .models.organisations import MAX_WALK_IN_HOURS


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


class WalkInHourForm(EndsAfterStarts, forms.ModelForm):
    class Meta:
        model = WalkInHour
        fields = ["weekday", "starts", "ends", "place"]
        widgets = {
            "starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class BaseWalkInHourFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": _("Een organisatie kan hoogstens %(num)d spreekuren hebben."),
        "too_few_forms": _("Vul ten minste %(num)d spreekuren in."),
    }


# absolute_max: a POST with more rows than the limit is refused, not read up to Django's default of 1000.
WalkInHourFormSet = forms.inlineformset_factory(
    Organisation,
    WalkInHour,
    form=WalkInHourForm,
    formset=BaseWalkInHourFormSet,
    fk_name="organisation",
    extra=1,
    can_delete=True,
    max_num=MAX_WALK_IN_HOURS,
    absolute_max=MAX_WALK_IN_HOURS,
    validate_max=True,
)


LOGO_FORMATS = {"JPEG", "PNG", "WEBP"}
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4000


class CoordinateField(forms.DecimalField):
    """A coordinate as people type it, with a comma or a point; more decimals than stored are rounded."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_digits=9,
            decimal_places=6,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **kwargs,
        )

    def to_python(self, value):
        number = super().to_python(value.strip().replace(",", ".") if isinstance(value, str) else value)
        # Only a plausible number is rounded: quantize() fails on 1e308, which max_digits then refuses in Dutch.
        if number is not None and number.is_finite() and abs(number) < 1000:
            return number.quantize(Decimal("0.000001"))
        return number


class OrganisationForm(forms.ModelForm):
    """What registering and editing an organisation share: a municipality from the list, coordinates typed
    the Dutch way and a name that is not taken in that municipality. The rules for postcode, phone and map
    location are the model's (``Organisation.full_clean``), shared with the Wagtail admin and the import."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    municipality = forms.ModelChoiceField(
        label=_("gemeente"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Kies een gemeente"),
        help_text=_("De gemeente waar uw organisatie vooral werkt."),
    )
    latitude = CoordinateField(
        label=_("breedtegraad"),
        help_text=_(
            "Voor de kaart, bijvoorbeeld 52,3508. U vindt de coördinaten van een adres op de kaart van uw "
            "routeplanner. Laat leeg als u niet op de kaart wilt."
        ),
    )
    longitude = CoordinateField(label=_("lengtegraad"), help_text=_("Bijvoorbeeld 5,2647."))

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "municipality",
            "category",
            "description",
            "services",
            "target_groups",
            "languages",
            "neighbourhood",
            "address",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "services": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "kind": _(
                "Formeel: bijvoorbeeld een gemeente, schuldhulpverlening of welzijnsorganisatie. "
                "Informeel: bijvoorbeeld een moskee, kerk, migrantenorganisatie of vrijwilligersgroep."
            ),
            "description": _("Wat doet uw organisatie, voor wie? Een paar zinnen in eenvoudige taal."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Organisation.Kind.choices

    def clean(self):
        cleaned = super().clean()
        name, municipality = cleaned.get("name"), cleaned.get("municipality")
        namesakes = Organisation.objects.filter(name__iexact=(name or "").strip(), municipality=municipality)
        if name and municipality and namesakes.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "name",
                _(
                    "Er staat al een organisatie met deze naam in %(municipality)s op het platform. "
                    "Vraag daar om lid te worden."
                )
                % {"municipality": municipality.name},
            )
        return cleaned


class OrganisationProfileForm(OrganisationForm):
    logo_upload = forms.ImageField(
        label=_("logo"),
        required=False,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("Een JPG-, PNG- of WebP-bestand van hooguit 2 MB."),
    )
    remove_logo = forms.BooleanField(label=_("Het huidige logo weghalen"), required=False)

    field_order = ["name", "kind", "municipality", "category", "description", "logo_upload", "remove_logo"]

    class Meta(OrganisationForm.Meta):
        fields = [*OrganisationForm.Meta.fields, *HELP_FORM_FIELDS]
        widgets = {**OrganisationForm.Meta.widgets, **HELP_WIDGETS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo_id:
            del self.fields["remove_logo"]

    def clean_logo_upload(self):
        upload = self.cleaned_data["logo_upload"]
        if not upload:
            return upload
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Dit bestand is te groot. Een logo mag hooguit 2 MB zijn."))
        if upload.image.format not in LOGO_FORMATS:
            raise forms.ValidationError(_("Upload een logo als JPG-, PNG- of WebP-bestand."))
        if max(upload.image.size) > LOGO_MAX_PIXELS:
            raise forms.ValidationError(_("Dit logo is te groot. Het mag hooguit 4000 bij 4000 pixels zijn."))
        return upload

    def save(self, commit=True):
        organisation = super().save(commit=False)
        if upload := self.cleaned_data.get("logo_upload"):
            organisation.logo = store_logo(upload, organisation.name)
        elif self.cleaned_data.get("remove_logo"):
            organisation.logo = None
        if commit:
            organisation.save()
            self.save_m2m()
        return organisation


def store_logo(upload, name):
    """Put an uploaded logo in the Wagtail image library, where editors can see and reuse it."""
    image = get_image_model()(title=_("Logo van %(name)s") % {"name": name}, file=upload)
    image._set_image_file_metadata()
    image.save()
    return image


class RegisterOrganisationForm(OrganisationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True


class PersonProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("voornaam"), max_length=150, required=False, validators=[single_line])
    last_name = forms.CharField(label=_("achternaam"), max_length=150, required=False, validators=[single_line])

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


class ProfileClaimForm(forms.ModelForm):
    class Meta:
        model = ProfileClaim
        fields = ["role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        error_messages = {"role": {"required": _("Vul uw functie of rol bij de organisatie in.")}}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"}), "role": forms.RadioSelect}
        labels = {"email": _("E-mailadres van de persoon die u uitnodigt")}


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("rol"), choices=Membership.Role.choices)
