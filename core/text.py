"""Rules for text people type: slugs that work for any script, and characters a stored value may not hold."""

import unicodedata

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def ascii_slug(text, fallback, max_length=None):
    """A URL slug for a title in any script: transliterated to ASCII ("Дом" -> "dom", "家" -> "jia"),
    or ``fallback`` when nothing is left (emoji only)."""
    slug = slugify(anyascii(text or ""))[:max_length].strip("-")
    return slug or fallback


# Embedding, override and isolate controls: they make text display in another order than it is
# stored ("Trojan Source"), so a name can pose as another.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_characters(value, multiline=False):
    """The characters of ``value`` that no stored text may hold: control characters (newlines and tabs
    only where ``multiline``), line separators in a single line, bidi controls and lone surrogates."""
    allowed = "\n\r\t" if multiline else ""
    found = []
    for character in value:
        category = unicodedata.category(character)
        if character in allowed:
            continue
        if character in BIDI_CONTROLS or category in ("Cc", "Cs") or (not multiline and category in ("Zl", "Zp")):
            found.append(character)
    return found


@deconstructible
class PlainTextValidator:
    """Refuses control characters, bidi controls and lone surrogates, with a Dutch message."""

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        if isinstance(value, str) and forbidden_characters(value, self.multiline):
            if self.multiline:
                message = _(
                    "Deze tekst bevat onzichtbare stuurtekens (zoals tekens die de leesrichting omdraaien). "
                    "Haal ze weg en probeer het opnieuw."
                )
            else:
                message = _(
                    "Gebruik hier één regel zonder onzichtbare stuurtekens (zoals regeleinden, tabs of "
                    "tekens die de leesrichting omdraaien)."
                )
            raise ValidationError(message, code="forbidden_characters")

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and other.multiline == self.multiline


single_line = PlainTextValidator()
multiline_text = PlainTextValidator(multiline=True)


def one_line(text):
    """``text`` on one line, for an email subject: stored names from before the validators may hold newlines."""
    return " ".join(str(text).split())


class TextRules:
    """Model mixin: the fields named in ``single_line_fields`` and ``multiline_fields`` hold no forbidden
    characters, and those in ``text_max_lengths`` are not longer than given.

    Checked in clean_fields() rather than as field validators, so that forms, the admin and importers
    (everything that calls full_clean) obey them without a migration per model, and a form only hears
    about the fields it has.
    """

    single_line_fields = ()
    multiline_fields = ()
    text_max_lengths = {}

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skip = set(exclude or ()) | set(errors)
        checks = [(name, single_line) for name in self.single_line_fields]
        checks += [(name, multiline_text) for name in self.multiline_fields]
        for name, validator in checks:
            if name not in skip:
                try:
                    validator(getattr(self, name) or "")
                except ValidationError as error:
                    errors[name] = error.messages
        for name, limit in self.text_max_lengths.items():
            if name not in skip and name not in errors and len(getattr(self, name) or "") > limit:
                errors[name] = [_("Deze tekst is te lang: hoogstens %(limit)s tekens.") % {"limit": limit}]
        errors.update(self.more_field_errors(skip | set(errors)))
        if errors:
            raise ValidationError(errors)

    def more_field_errors(self, skip):
        """A model's own rules over several fields, as {field: [messages]}; ``skip`` are the fields excluded
        (not in the form) or already wrong."""
        return {}
