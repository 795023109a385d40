"""Import organisations for the social map from a spreadsheet saved as CSV.

The file is UTF-8 (with or without a byte order mark), separated by commas or semicolons
(whichever the header line uses), with the columns in ``COLUMNS`` in any order. List columns
(services, target_groups, languages) separate their names with ``;``; in a file separated by
semicolons those cells must be quoted, which spreadsheet programs do by themselves.

Every row is checked first and then imported in its own transaction, so a bad row is reported
and skipped without leaving anything behind, and the good rows still go in. Running the same
file twice adds nothing: an organisation with the same name in the same municipality (ignoring
case) counts as already present and is left as it is.

Messages are in Dutch because the people running the import are Dutch editors.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify

from core.importing import ImportReport, RecordError
from core.municipalities import find_municipality, unknown_municipality_error
from core.taxonomy import Municipality, TargetGroup, Theme

from .models import Language, Organisation, OrganisationCategory

COLUMNS = (
    "name",
    "kind",
    "category",
    "municipality",
    "neighbourhood",
    "address",
    "postcode",
    "city",
    "phone",
    "email",
    "website",
    "services",
    "target_groups",
    "languages",
    "description",
)
DELIMITERS = (",", ";")
LIST_SEPARATOR = ";"
KINDS = tuple(Organisation.Kind.values)  # ("formeel", "informeel")

POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
PHONE = re.compile(r"^[0-9 +\-()]+$")
validate_email = EmailValidator()
validate_url = URLValidator(schemes=["http", "https"])


def _max_length(name):
    return Organisation._meta.get_field(name).max_length


# Field lengths of the models, checked up front so a long value gets a clear message.
MAX_LENGTHS = {
    name: _max_length(name)
    for name in ("name", "neighbourhood", "address", "city", "phone", "email", "website")
}
MAX_VOCABULARY_NAME = Municipality._meta.get_field("name").max_length
MAX_SLUG = Organisation._meta.get_field("slug").max_length

# (column, model, Dutch word used in messages)
VOCABULARIES = {
    "category": (OrganisationCategory, "categorie"),
    "services": (Theme, "thema"),
    "target_groups": (TargetGroup, "doelgroep"),
    "languages": (Language, "taal"),
}


# Names people use for a municipality whose official name differs (CBS list, core/data).
class ImportFileError(Exception):
    """The whole file is refused (unreadable, no header, missing columns); nothing is imported."""


@dataclass
class CsvImportReport(ImportReport):
    ignored_columns: list = field(default_factory=list)  # header names that are not ours


@dataclass
class Spec:
    """A checked row, ready to be written."""

    name: str
    kind: str
    municipality: str
    category: str = ""
    neighbourhood: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    description: str = ""
    services: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    languages: list = field(default_factory=list)


# --- Reading the file ------------------------------------------------------------------------


def decode(data):
    """The file's text; a byte order mark is dropped. Anything but UTF-8 refuses the file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"het bestand is geen UTF-8-tekst (eerste fout op regel {line}); "
            "sla het in je spreadsheetprogramma op als 'CSV UTF-8'"
        ) from error


def header_name(value):
    return value.strip().lower()


def detect_delimiter(header_line):
    """Comma or semicolon: the one that splits the header line into the most known columns."""

    def score(delimiter):
        names = next(csv.reader([header_line], delimiter=delimiter), [])
        return (len({header_name(name) for name in names} & set(COLUMNS)), len(names))

    return max(DELIMITERS, key=score)


def check_header(header):
    """Return the names of the columns that are not ours; refuse a header that lacks ours."""
    names = [header_name(name) for name in header]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise ImportFileError(f"kolommen staan dubbel in de kopregel: {', '.join(duplicates)}")
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise ImportFileError(
            f"de kopregel (regel 1) mist {'de kolom' if len(missing) == 1 else 'de kolommen'}: "
            f"{', '.join(missing)}. Verwacht worden: {', '.join(COLUMNS)}"
        )
    return [name for name in names if name and name not in COLUMNS]


# --- Checking a row --------------------------------------------------------------------------


def _clean(value):
    """One line of text with single spaces."""
    return " ".join(value.split())


def _text(row, key, errors, *, required=False):
    value = _clean(row.get(key, ""))
    max_length = MAX_LENGTHS.get(key)
    if required and not value:
        errors.append(f"'{key}' is leeg")
    elif max_length and len(value) > max_length:
        errors.append(f"'{key}' is te lang ({len(value)} tekens, hoogstens {max_length})")
    return value


def _vocabulary_name(name, key, errors):
    """Check a name that may be created as a category, theme, target group or language."""
    model, word = VOCABULARIES[key]
    if len(name) > MAX_VOCABULARY_NAME:
        errors.append(f"{word} '{name[:40]}…' in '{key}' is te lang (hoogstens {MAX_VOCABULARY_NAME} tekens)")
        return False
    if model.objects.filter(name__iexact=name).exists():
        return True
    slug = slugify(name)[:MAX_VOCABULARY_NAME]
    if not slug:
        errors.append(f"{word} '{name}' in '{key}' moet minstens één letter of cijfer bevatten")
        return False
    lookalike = model.objects.filter(slug=slug).first()
    if lookalike is not None:
        # A new entry would clash with the slug of this one; two spellings of one name.
        errors.append(f"{word} '{name}' in '{key}' lijkt op de bestaande {word} '{lookalike.name}'; gebruik die naam")
        return False
    return True


def _names(row, key, errors):
    names = []
    for item in row.get(key, "").split(LIST_SEPARATOR):
        name = _clean(item)
        if not name or name.lower() in {existing.lower() for existing in names}:
            continue
        if _vocabulary_name(name, key, errors):
            names.append(name)
    return names


def _municipality(row, errors):
    """The official name of the row's municipality. Only the shipped list counts: a typo must not
    add a municipality to the filters of the social map."""
    value = _text(row, "municipality", errors, required=True)
    if not value:
        return ""
    if len(value) > MAX_VOCABULARY_NAME:
        errors.append(f"gemeente '{value[:40]}…' in 'municipality' is te lang (hoogstens {MAX_VOCABULARY_NAME} tekens)")
        return value
    municipality = find_municipality(value)
    if municipality is None:
        errors.append(unknown_municipality_error(value))
        return value
    return municipality.name


def _kind(row, errors):
    value = _clean(row.get("kind", "")).lower()
    if not value:
        errors.append("'kind' is leeg (formeel of informeel)")
    elif value not in KINDS:
        errors.append(f"onbekende soort {row['kind'].strip()!r} in 'kind' (kies formeel of informeel)")
    return value


def _postcode(row, errors):
    value = _clean(row.get("postcode", ""))
    if not value:
        return ""
    match = POSTCODE.match(value)
    if not match:
        errors.append(f"ongeldige postcode {value!r} (zoals 1234 AB: vier cijfers, de eerste geen 0, en twee letters)")
        return ""
    return f"{match[1]} {match[2].upper()}"


def _phone(row, errors):
    value = _text(row, "phone", errors)
    if value and (not PHONE.match(value) or not any(character.isdigit() for character in value)):
        errors.append(f"ongeldig telefoonnummer {value!r} (alleen cijfers, spaties, +, - en haakjes)")
    return value


def _email(row, errors):
    value = _text(row, "email", errors)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            errors.append(f"ongeldig e-mailadres {value!r}")
    return value


def _website(row, errors):
    value = _text(row, "website", errors)
    if value:
        if not re.match(r"^https?://", value, re.IGNORECASE):
            errors.append(f"website {value!r} moet een volledig adres zijn dat begint met https:// (of http://)")
            return value
        try:
            validate_url(value)
        except ValidationError:
            errors.append(f"ongeldige website {value!r}")
    return value


def _description(row):
    text = row.get("description", "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def parse_row(row):
    """Turn one row (column name → cell text) into a ``Spec``, or raise ``RecordError`` with every reason."""
    # A NUL character is never meant, and PostgreSQL refuses it even in a lookup.
    damaged = sorted(column for column, value in row.items() if column and value and "\x00" in value)
    if damaged:
        raise RecordError([f"{column}: bevat een NUL-teken (het bestand is beschadigd of geen tekst)" for column in damaged])
    errors = []
    name = _text(row, "name", errors, required=True)
    kind = _kind(row, errors)
    municipality = _municipality(row, errors)
    category = _text(row, "category", errors)
    if category:
        _vocabulary_name(category, "category", errors)
    spec = Spec(
        name=name,
        kind=kind,
        municipality=municipality,
        category=category,
        neighbourhood=_text(row, "neighbourhood", errors),
        address=_text(row, "address", errors),
        postcode=_postcode(row, errors),
        city=_text(row, "city", errors),
        phone=_phone(row, errors),
        email=_email(row, errors),
        website=_website(row, errors),
        description=_description(row),
        services=_names(row, "services", errors),
        target_groups=_names(row, "target_groups", errors),
        languages=_names(row, "languages", errors),
    )
    if errors:
        raise RecordError(errors)
    return spec


# --- Writing ---------------------------------------------------------------------------------


def already_present(spec):
    return Organisation.objects.filter(
        name__iexact=spec.name, municipality__name__iexact=spec.municipality
    ).exists()


def unique_slug(name, municipality):
    """slugify(name); when taken, slugify("name municipality"); then that with -2, -3, …"""
    taken = Organisation.objects.filter
    first = slugify(name)[:MAX_SLUG]
    if first and not taken(slug=first).exists():
        return first
    base = slugify(f"{name} {municipality}")[:MAX_SLUG] or "organisatie"
    if not taken(slug=base).exists():
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{base[: MAX_SLUG - len(suffix)].rstrip('-')}{suffix}"
        if not taken(slug=candidate).exists():
            return candidate
        number += 1


def write(spec, status):
    """Create one organisation from a checked row. Call inside a transaction."""
    municipality = Municipality.objects.get(name=spec.municipality)
    organisation = Organisation(
        name=spec.name,
        slug=unique_slug(spec.name, municipality.name),
        kind=spec.kind,
        status=status,
        municipality=municipality,
        category=OrganisationCategory.get_or_create_by_name(spec.category) if spec.category else None,
        description=spec.description,
        neighbourhood=spec.neighbourhood,
        address=spec.address,
        postcode=spec.postcode,
        city=spec.city,
        phone=spec.phone,
        email=spec.email,
        website=spec.website,
    )
    # Parental many-to-many values are only stored when the organisation is saved.
    organisation.services = [Theme.get_or_create_by_name(name) for name in spec.services]
    organisation.target_groups = [TargetGroup.get_or_create_by_name(name) for name in spec.target_groups]
    organisation.languages = [Language.get_or_create_by_name(name) for name in spec.languages]
    organisation.full_clean()
    organisation.save()
    return organisation


def describe(error):
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def import_text(text, verified=False, on_progress=None):
    """Import every good row and report the rest; returns an ``ImportReport``.

    ``text`` is the whole file. Rows are numbered by the line they start on, the header being
    line 1, so the numbers match what an editor sees in a text editor (and, without line breaks
    inside cells, the row numbers of the spreadsheet). Blank rows are ignored. Raises
    ``ImportFileError`` when the file as a whole cannot be used. ``on_progress(outcome,
    line_number, message)`` is called for each row, with outcome "imported", "skipped" or
    "failed" and a Dutch message.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError("het bestand is leeg; de eerste regel moet de kopregel met de kolomnamen zijn")
    header_line = text.splitlines()[0]
    delimiter = detect_delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise ImportFileError(f"de kopregel is geen geldige CSV ({error})") from error
    report = CsvImportReport(ignored_columns=check_header(header))
    names = [header_name(name) for name in header]
    status = Organisation.Status.VERIFIED if verified else Organisation.Status.AWAITING

    def note(outcome, number, message):
        if on_progress:
            on_progress(outcome, number, message)

    def fail(number, reason):
        report.failed.append((number, reason))
        note("failed", number, f"regel {number}: {reason}")

    while True:
        number = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            fail(number, f"ongeldige CSV ({error})")
            continue
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(names):
            reason = f"{len(values)} kolommen in plaats van {len(names)}"
            if len(values) > len(names):
                reason += (
                    f"; staat er een '{delimiter}' in een waarde zonder aanhalingstekens "
                    "(zet een lijst zoals services dan tussen \"…\")?"
                )
            if reader.line_num > number:
                reason += f" (de rij loopt door tot regel {reader.line_num}; staat er ergens een los aanhalingsteken?)"
            fail(number, reason)
            continue
        row = {name: value for name, value in zip(names, values) if name in COLUMNS}
        try:
            spec = parse_row(row)
        except RecordError as error:
            fail(number, str(error))
            continue

        label = f"'{spec.name}' ({spec.municipality})"
        try:
            with transaction.atomic():
                if already_present(spec):
                    report.skipped.append((number, spec.name))
                    note("skipped", number, f"regel {number}: al aanwezig, overgeslagen: {label}")
                    continue
                write(spec, status)
        except ValidationError as error:
            fail(number, f"niet opgeslagen: {describe(error)}")
        except Exception as error:  # noqa: BLE001  (one broken row must not stop the others)
            fail(number, f"niet opgeslagen door een onverwachte fout: {type(error).__name__}: {error}")
        else:
            report.imported.append((number, spec.name))
            note("imported", number, f"regel {number}: geïmporteerd: {label}")
    return report


def import_file(path, verified=False, on_progress=None):
    """Import a CSV file; see ``import_text``."""
    return import_text(decode(Path(path).read_bytes()), verified=verified, on_progress=on_progress)
