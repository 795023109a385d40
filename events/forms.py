from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.text import multiline_text, single_line
from members.models import Organisation

from .models.registrations import Registration


class TableChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, free=None, **kwargs):
        self.free = free or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, table):
        label = table.topic
        if table.host:
            label += " – " + str(_("met %(host)s") % {"host": table.host})
        left = self.free.get(table.pk)
        if left == 0:
            return _("%(table)s (vol: u komt op de wachtlijst)") % {"table": label}
        return ngettext("%(table)s (%(n)s plaats vrij)", "%(table)s (%(n)s plaatsen vrij)", left) % {
            "table": label,
            "n": left,
        }


class RegistrationForm(forms.Form):
    """One step for members (name and email come from the account); visitors also give name and email."""

    name = forms.CharField(
        label=_("Naam"),
        max_length=160,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,  # the column's length; longer addresses do not exist in practice
        help_text=_("U krijgt een e-mail met een link om uw aanmelding te bevestigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    table = TableChoiceField(
        label=_("Aan welke dialoogtafel wilt u deelnemen?"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    organisation = forms.ModelChoiceField(
        label=_("Voor welke organisatie komt u?"),
        queryset=None,
        required=False,
        empty_label=_("(geen of op persoonlijke titel)"),
    )
    organisation_name = forms.CharField(
        label=_("Voor welke organisatie komt u?"), max_length=160, required=False, validators=[single_line]
    )
    organisation_kind = forms.ChoiceField(
        label=_("Wat voor organisatie is dat?"),
        choices=[("", _("Weet ik niet of geen organisatie"))] + list(Registration.OrganisationKind.choices),
        required=False,
        help_text=_(
            "Formeel: bijvoorbeeld gemeente of schuldhulpverlening. Informeel: bijvoorbeeld moskee, kerk of vrijwilligersgroep."
        ),
    )
    note = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=1000,
        validators=[multiline_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld een dieetwens, of wat u nodig heeft om goed mee te kunnen doen."),
    )

    def __init__(self, *args, user=None, tables=None, free_per_table=None, with_tables=True, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del (
                self.fields["name"],
                self.fields["email"],
                self.fields["organisation_name"],
                self.fields["organisation_kind"],
            )
            organisations = Organisation.objects.active().filter(memberships__user=user)
            if organisations.exists():
                self.fields["organisation"].queryset = organisations.order_by("name")
            else:
                del self.fields["organisation"]
        else:
            del self.fields["organisation"]
        if with_tables and tables:
            self.fields["table"].queryset = tables
            self.fields["table"].free = free_per_table or {}
        else:
            del self.fields["table"]
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = _("Dit veld is verplicht.")
        if "email" in self.fields:
            self.fields["email"].error_messages["invalid"] = _(
                "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
            )
        if "table" in self.fields:
            self.fields["table"].error_messages["required"] = _("Kies een dialoogtafel.")
            self.fields["table"].error_messages["invalid_choice"] = _("Kies een tafel uit de lijst.")


class CancelForm(forms.Form):
    whole_series = forms.BooleanField(
        label=_("Ook afmelden voor de andere bijeenkomsten van deze reeks"), required=False
    )
