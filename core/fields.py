"""Model fields for Dutch contact details: each checks and normalises its value in ``full_clean``,
so site forms, the Wagtail admin and importers store the same thing or refuse it with the same message."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Four digits, the first not 0, and two letters; PostNL does not issue SA, SD and SS.
POSTCODE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})$")
POSTCODE_LETTERS_NOT_ISSUED = {"SA", "SD", "SS"}
# What people type around the digits of a phone number; letters (vanity numbers, "bel ...") are refused.
PHONE_CHARACTERS = re.compile(r"^[0-9 +\-()./]+$")
PHONE_REGION = "NL"


def normalise_postcode(value):
    """'1234ab', ' 1234  AB' -> '1234 AB'; anything else raises ValidationError."""
    compact = "".join(value.split()).upper()
    match = POSTCODE.match(compact)
    if not match or match[2] in POSTCODE_LETTERS_NOT_ISSUED:
        raise ValidationError(
            _(
                "Vul een postcode in als 1234 AB. Een postcode heeft vier cijfers (de eerste is geen 0) en twee letters."
            ),
            code="invalid_postcode",
        )
    return f"{match[1]} {match[2]}"


def normalise_phone(value):
    """A phone number that can be called, stored the way it is read out: Dutch numbers in the national format
    ('020 123 4567'), others in the international one ('+32 9 ...'). Extensions are refused: a tel: link
    cannot dial them."""
    error = ValidationError(
        _("Vul een telefoonnummer in dat te bellen is, zoals 020 123 4567 of 06 12345678."), code="invalid_phone"
    )
    if not PHONE_CHARACTERS.match(value):
        raise error
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException as parse_error:
        raise error from parse_error
    if number.extension or not phonenumbers.is_valid_number(number):
        raise error
    in_region = phonenumbers.region_code_for_number(number) == PHONE_REGION
    number_format = (
        phonenumbers.PhoneNumberFormat.NATIONAL if in_region else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, number_format)


class NormalisedCharField(models.CharField):
    """A CharField whose non-empty value is checked and normalised by ``normalise`` in full_clean."""

    normalise = None

    # clean(), not to_python(): to_python also runs on every query and save, where an old stored value
    # that breaks today's rule must not raise.
    # Normalised before the length check: '1234  ab ' is a postcode that fits once written as '1234 AB'.
    def clean(self, value, model_instance):
        value = self.to_python(value)
        value = type(self).normalise(value.strip()) if value and value.strip() else ""
        return super().clean(value, model_instance)


class PostcodeField(NormalisedCharField):
    normalise = staticmethod(normalise_postcode)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)


class PhoneNumberField(NormalisedCharField):
    normalise = staticmethod(normalise_phone)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)
