"""Import organisations for the social map from a spreadsheet saved as CSV, through core.importing.

The file is UTF-8 (with or without a byte order mark), separated by commas or semicolons
(whichever the header line uses), with the columns in ``COLUMNS`` in any order, and optionally
``latitude`` and ``longitude`` for the map. List columns (services, target_groups, languages)
separate their names with ``;``; in a file separated by semicolons those cells must be quoted,
which spreadsheet programs do by themselves.

Postcode, phone number, e-mail address, coordinates and slug are checked by the model's own rules,
the ones the site forms and the Wagtail admin use. Running the same file twice adds nothing: an
organisation with the same name in the same municipality (ignoring case) counts as already present
and is left as it is.

Messages are in Dutch because the people running the import are Dutch editors.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core import importing
from core.importing import RecordError, max_length, text, yes_no
from core.municipalities import find_municipality, unknown_municipality_error
from core.taxonomy import Municipality, TargetGroup, Theme

from .models import Language, Organisation, OrganisationCategory
from .models.organisations import RESERVED_SLUGS
from .models.services import HELP_FIELDS, HELP_TEXT_FIELDS, HELP_YES_NO_FIELDS

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
# The organisation-wide "how to get help" facts (members.models.services.HowToGetHelp): yes/no columns take
# ja or nee (empty: not said); text columns may span several lines.
HELP_COLUMNS = HELP_FIELDS
COORDINATES = ("latitude", "longitude")
OPTIONAL_COLUMNS = (*COORDINATES, *HELP_COLUMNS)
LIST_SEPARATOR = ";"
KINDS = tuple(Organisation.Kind.values)  # ("formeel", "informeel")

validate_url = URLValidator(schemes=["http", "https"])

# Field lengths of the models, checked up front so a long value gets a clear message.
MAX_LENGTHS = {
    name: max_length(Organisation, name) for name in ("name", "neighbourhood", "address", "city", "email", "website")
}
MAX_VOCABULARY_NAME = max_length(Municipality, "name")
MAX_SLUG = max_length(Organisation, "slug")
# Fields checked by the model's own rules, and how a refusal starts.
MODEL_CHECKED = {
    "postcode": _lazy("ongeldige postcode"),
    "phone": _lazy("ongeldig telefoonnummer"),
    "email": _lazy("ongeldig e-mailadres"),
    "latitude": _lazy("ongeldige breedtegraad"),
    "longitude": _lazy("ongeldige lengtegraad"),
}

# (column, model, Dutch word used in messages)
VOCABULARIES = {
    "category": (OrganisationCategory, _lazy("categorie")),
    "services": (Theme, _lazy("thema")),
    "target_groups": (TargetGroup, _lazy("doelgroep")),
    "languages": (Language, _lazy("taal")),
}


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
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    description: str = ""
    services: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    help_facts: dict = field(default_factory=dict)


# --- Checking a row --------------------------------------------------------------------------


def _text(row, key, errors, *, required=False):
    return text(row.get(key, ""), key, errors, required=required, limit=MAX_LENGTHS.get(key))


def _vocabulary_name(name, key, errors):
    """Check a name that may be created as a category, theme, target group or language."""
    model, word = VOCABULARIES[key]
    if len(name) > MAX_VOCABULARY_NAME:
        errors.append(
            _("%(word)s '%(start)s…' in '%(key)s' is te lang (hoogstens %(limit)d tekens)")
            % {"word": word, "start": name[:40], "key": key, "limit": MAX_VOCABULARY_NAME}
        )
        return False
    if model.objects.filter(name__iexact=name).exists():
        return True
    slug = slugify(name)[:MAX_VOCABULARY_NAME]
    if not slug:
        errors.append(
            _("%(word)s '%(name)s' in '%(key)s' moet minstens één letter of cijfer bevatten")
            % {"word": word, "name": name, "key": key}
        )
        return False
    lookalike = model.objects.filter(slug=slug).first()
    if lookalike is not None:
        # A new entry would clash with the slug of this one; two spellings of one name.
        errors.append(
            _("%(word)s '%(name)s' in '%(key)s' lijkt op de bestaande %(word)s '%(existing)s'; gebruik die naam")
            % {"word": word, "name": name, "key": key, "existing": lookalike.name}
        )
        return False
    return True


def _names(row, key, errors):
    names = []
    for item in row.get(key, "").split(LIST_SEPARATOR):
        name = " ".join(item.split())
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
        errors.append(
            _("gemeente '%(start)s…' in 'municipality' is te lang (hoogstens %(limit)d tekens)")
            % {"start": value[:40], "limit": MAX_VOCABULARY_NAME}
        )
        return value
    municipality = find_municipality(value)
    if municipality is None:
        errors.append(unknown_municipality_error(value))
        return value
    return municipality.name


def _kind(row, errors):
    value = " ".join(row.get("kind", "").split()).lower()
    if not value:
        errors.append(_("'kind' is leeg (formeel of informeel)"))
    elif value not in KINDS:
        errors.append(
            _("onbekende soort %(kind)r in 'kind' (kies formeel of informeel)") % {"kind": row["kind"].strip()}
        )
    return value


def _website(row, errors):
    value = _text(row, "website", errors)
    if value:
        if not re.match(r"^https?://", value, re.IGNORECASE):
            errors.append(
                _("website %(value)r moet een volledig adres zijn dat begint met https:// (of http://)")
                % {"value": value}
            )
            return value
        try:
            validate_url(value)
        except ValidationError:
            errors.append(_("ongeldige website %(value)r") % {"value": value})
    return value


def _coordinate(row, key, errors):
    """A coordinate written with a point or a comma; the model checks that it lies in the Netherlands."""
    value = row.get(key, "").strip()
    if not value:
        return None
    try:
        return Decimal(value.replace(",", ".")).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        errors.append(
            _("%(problem)s %(value)r (een getal zoals 52,3508)") % {"problem": MODEL_CHECKED[key], "value": value}
        )
        return None


def _multiline(row, key):
    value = row.get(key, "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def _description(row):
    return _multiline(row, "description")


def _help_facts(row, errors):
    """The organisation-wide facts of the row, checked by the model's rules (texts plain and not too long; costs
    written down when the help is not free, none when it is)."""
    facts = {key: yes_no(row.get(key, ""), key, errors) for key in HELP_YES_NO_FIELDS}
    before = len(errors)
    texts = {key: _multiline(row, key) for key in HELP_TEXT_FIELDS}
    shown = {key: value if len(value) <= 40 else f"{value[:40]}…" for key, value in texts.items()}
    invalid = {key: _("ongeldige tekst in '%(key)s'") % {"key": key} for key in HELP_TEXT_FIELDS}
    facts.update(importing.model_rules(Organisation(), texts, errors, invalid, shown))
    if len(errors) == before:
        try:
            Organisation(**facts).clean()
        except ValidationError as error:
            errors.append(importing.describe(error))
    return facts


def parse_row(row):
    """Turn one row (column name → cell text) into a ``Spec``, or raise ``RecordError`` with every reason."""
    # A NUL character is never meant, and PostgreSQL refuses it even in a lookup.
    damaged = sorted(column for column, value in row.items() if column and value and "\x00" in value)
    if damaged:
        raise RecordError(
            [
                _("%(column)s: bevat een NUL-teken (het bestand is beschadigd of geen tekst)") % {"column": column}
                for column in damaged
            ]
        )
    errors = []
    name = _text(row, "name", errors, required=True)
    kind = _kind(row, errors)
    municipality = _municipality(row, errors)
    category = _text(row, "category", errors)
    if category:
        _vocabulary_name(category, "category", errors)
    neighbourhood, address = _text(row, "neighbourhood", errors), _text(row, "address", errors)
    city = _text(row, "city", errors)
    given = {key: " ".join(row.get(key, "").split()) for key in ("postcode", "phone", "email")}
    before = len(errors)
    coordinates = {key: _coordinate(row, key, errors) for key in COORDINATES}
    if len(errors) == before:  # as in a form: a coordinate that is no number is not checked further
        given.update(coordinates)
    shown = {key: row.get(key, "").strip() for key in MODEL_CHECKED}
    checked = {**coordinates, **importing.model_rules(Organisation(), given, errors, MODEL_CHECKED, shown)}
    spec = Spec(
        name=name,
        kind=kind,
        municipality=municipality,
        category=category,
        neighbourhood=neighbourhood,
        address=address,
        city=city,
        website=_website(row, errors),
        description=_description(row),
        services=_names(row, "services", errors),
        target_groups=_names(row, "target_groups", errors),
        languages=_names(row, "languages", errors),
        help_facts=_help_facts(row, errors),
        **checked,
    )
    if errors:
        raise RecordError(errors)
    return spec


# --- Writing ---------------------------------------------------------------------------------


def unique_slug(name, municipality):
    """slugify(name); when taken (or reserved for a page of the site), slugify("name municipality");
    then that with -2, -3, …"""

    def free(slug):
        return slug not in RESERVED_SLUGS and not Organisation.objects.filter(slug=slug).exists()

    first = slugify(name)[:MAX_SLUG]
    if first and free(first):
        return first
    base = slugify(f"{name} {municipality}")[:MAX_SLUG] or "organisatie"
    if free(base):
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{base[: MAX_SLUG - len(suffix)].rstrip('-')}{suffix}"
        if free(candidate):
            return candidate
        number += 1


class OrganisationImporter(importing.Importer):
    def __init__(self, status):
        self.status = status

    parse = staticmethod(parse_row)

    def already_present(self, spec):
        return Organisation.objects.filter(
            name__iexact=spec.name, municipality__name__iexact=spec.municipality
        ).exists()

    def write(self, spec):
        municipality = Municipality.objects.get(name=spec.municipality)
        organisation = Organisation(
            name=spec.name,
            slug=unique_slug(spec.name, municipality.name),
            kind=spec.kind,
            status=self.status,
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
            latitude=spec.latitude,
            longitude=spec.longitude,
            **spec.help_facts,
        )
        # Parental many-to-many values are only stored when the organisation is saved.
        organisation.services = [Theme.get_or_create_by_name(name) for name in spec.services]
        organisation.target_groups = [TargetGroup.get_or_create_by_name(name) for name in spec.target_groups]
        organisation.languages = [Language.get_or_create_by_name(name) for name in spec.languages]
        organisation.full_clean()
        organisation.save()
        return organisation

    def label(self, spec):
        return f"'{spec.name}' ({spec.municipality})"

    def entry(self, spec):
        return (spec.name,)


def import_text(text, verified=False, on_progress=None):
    """Import every good row of a CSV file's text and report the rest; returns an ``ImportReport``.

    Raises ``core.importing.ImportRefused`` when the file as a whole cannot be used; see
    ``core.importing.run`` for ``on_progress``.
    """
    ignored, records = importing.read_csv(text, COLUMNS, optional=OPTIONAL_COLUMNS)
    status = Organisation.Status.VERIFIED if verified else Organisation.Status.AWAITING
    report = importing.ImportReport(ignored_columns=ignored)
    return importing.run(OrganisationImporter(status), records, report, on_progress)


def import_file(path, verified=False, on_progress=None):
    """Import a CSV file; see ``import_text``."""
    return import_text(importing.decode(Path(path).read_bytes()), verified=verified, on_progress=on_progress)
