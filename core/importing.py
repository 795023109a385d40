"""The one import pipeline: read records (CSV rows, JSON lines), check each through the model's rules, write
it in its own transaction, report by line number, skip what is already there, and say how far it is.

An importer supplies a reader and an ``Importer`` (parse, already present, write, how to name a record);
``run`` does the rest, so every bulk import behaves the same: a bad record is reported with every reason and
leaves nothing behind, the good ones still go in, and running the same file twice adds nothing.
Messages are in Dutch (through gettext) because the people running the imports are Dutch editors.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class RecordError(Exception):
    """One line or row cannot be imported; ``reasons`` says why, in Dutch."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("; ".join(self.reasons))


class ImportRefused(Exception):
    """The import as a whole cannot run (unreadable file, missing columns, nowhere to put pages); nothing is imported."""


@dataclass
class ImportReport:
    imported: list = field(default_factory=list)  # (line number, description...)
    skipped: list = field(default_factory=list)  # (line number, description...): already present
    failed: list = field(default_factory=list)  # (line number, reason)
    ignored_columns: list = field(default_factory=list)  # header names the importer does not know

    @property
    def ok(self):
        return not self.failed

    def summary(self):
        return _("%(imported)d geïmporteerd, %(skipped)d overgeslagen (al aanwezig), %(failed)d mislukt.") % {
            "imported": len(self.imported),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
        }


def describe(error):
    """A ValidationError as one line: 'field: message; other: message'."""
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


# --- Checking values ---------------------------------------------------------------------------


def max_length(model, name):
    """The model's length limit, so an importer never hard-codes one."""
    return model._meta.get_field(name).max_length


def too_long(label, length, limit):
    return _("'%(label)s' is te lang (%(length)d tekens, hoogstens %(limit)d)") % {
        "label": label,
        "length": length,
        "limit": limit,
    }


def text(value, label, errors, *, required=False, limit=None):
    """A cell or value as one line of text with single spaces, checked for presence and length."""
    value = " ".join(value.split())
    if required and not value:
        errors.append(_("'%(label)s' is leeg") % {"label": label})
    elif limit and len(value) > limit:
        errors.append(too_long(label, len(value), limit))
    return value


YES_WORDS = frozenset({"ja", "j", "yes", "y", "1", "waar", "true"})
NO_WORDS = frozenset({"nee", "n", "no", "0", "onwaar", "false"})


def yes_no(value, label, errors):
    """A yes/no cell: ``ja`` or ``nee`` (also yes/no, 1/0, waar/onwaar), any case; empty is None ("not said")."""
    word = " ".join(value.split()).lower()
    if not word:
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    errors.append(
        _("onbekende waarde %(value)r in '%(label)s' (vul ja of nee in, of laat leeg)")
        % {"value": " ".join(value.split())[:40], "label": label}
    )
    return None


def model_rules(instance, values, errors, invalid, shown=None):
    """Check ``values`` (field name -> value) with the model's own field rules and clean_fields(), the same the
    site forms and the Wagtail admin use; return the values as the model stores them (normalised).

    A refusal is added to ``errors`` as "<invalid[name]> '<value as given>': <the model's message>";
    ``shown`` holds the values as given where they differ from ``values``.
    """
    for name, value in values.items():
        setattr(instance, name, value)
    others = [model_field.name for model_field in instance._meta.fields if model_field.name not in values]
    try:
        instance.clean_fields(exclude=others)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            given = (shown or values).get(name, "")
            errors.append(f"{invalid.get(name, name)} {given!r}: {' '.join(messages)}")
    return {name: getattr(instance, name) for name in values}


# --- Reading -----------------------------------------------------------------------------------


def decode(data):
    """The file's text; a byte order mark is dropped. Anything but UTF-8 refuses the file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            _(
                "het bestand is geen UTF-8-tekst (eerste fout op regel %(line)d); "
                "sla het in je spreadsheetprogramma op als 'CSV UTF-8'"
            )
            % {"line": line}
        ) from error


def _header_name(value):
    return value.strip().lower()


def read_csv(text, columns, optional=(), delimiters=(",", ";")):
    """Read a CSV file's text: return the header's unknown column names and the records.

    The delimiter is the one that splits the header into the most known columns; every name in ``columns``
    must be in the header, in any order, and those in ``optional`` may be. Records are
    ``(line number, {column: cell} or RecordError)``, numbered by the line they start on (the header is line 1),
    so the numbers match a text editor and, without line breaks in cells, the spreadsheet. Blank rows are left out.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportRefused(_("het bestand is leeg; de eerste regel moet de kopregel met de kolomnamen zijn"))
    known = set(columns) | set(optional)

    def score(delimiter):
        names = next(csv.reader([text.splitlines()[0]], delimiter=delimiter), [])
        return (len({_header_name(name) for name in names} & known), len(names))

    delimiter = max(delimiters, key=score)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [_header_name(name) for name in next(reader)]
    except csv.Error as error:
        raise ImportRefused(_("de kopregel is geen geldige CSV (%(error)s)") % {"error": error}) from error
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise ImportRefused(_("kolommen staan dubbel in de kopregel: %(columns)s") % {"columns": ", ".join(duplicates)})
    missing = [name for name in columns if name not in names]
    if missing:
        raise ImportRefused(
            ngettext(
                "de kopregel (regel 1) mist de kolom: %(missing)s. Verwacht worden: %(columns)s",
                "de kopregel (regel 1) mist de kolommen: %(missing)s. Verwacht worden: %(columns)s",
                len(missing),
            )
            % {"missing": ", ".join(missing), "columns": ", ".join(columns)}
        )
    return [name for name in names if name and name not in known], _csv_records(reader, names, known, delimiter)


def _csv_records(reader, names, known, delimiter):
    while True:
        number = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield number, RecordError(_("ongeldige CSV (%(error)s)") % {"error": error})
            continue
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(names):
            reason = _("%(given)d kolommen in plaats van %(expected)d") % {"given": len(values), "expected": len(names)}
            if len(values) > len(names):
                reason += _(
                    "; staat er een '%(delimiter)s' in een waarde zonder aanhalingstekens "
                    '(zet een lijst zoals services dan tussen "…")?'
                ) % {"delimiter": delimiter}
            if reader.line_num > number:
                reason += _(" (de rij loopt door tot regel %(line)d; staat er ergens een los aanhalingsteken?)") % {
                    "line": reader.line_num
                }
            yield number, RecordError(reason)
            continue
        yield number, {name: value for name, value in zip(names, values, strict=True) if name in known}


def read_lines(lines):
    """Records of a line-based file (JSON Lines): ``(line number, text or RecordError)``, numbered from 1.

    ``lines`` are strings or bytes (read as UTF-8); blank lines are left out but still counted.
    """
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, RecordError("geen geldige UTF-8-tekst")
                continue
        elif number == 1:
            line = line.removeprefix("\ufeff")
        line = line.rstrip("\r\n")
        if line.strip():
            yield number, line


# --- The loop ----------------------------------------------------------------------------------


class Importer:
    """What one kind of import adds to the loop. ``parse`` raises RecordError with every reason."""

    def parse(self, record):
        raise NotImplementedError

    def already_present(self, spec):
        raise NotImplementedError

    def write(self, spec):
        """Store one checked record; runs inside a transaction, may raise RecordError or ValidationError."""
        raise NotImplementedError

    def label(self, spec):
        """How the record is named in messages."""
        raise NotImplementedError

    def entry(self, spec):
        """What the report lists after the line number."""
        return (self.label(spec),)


def run(importer, records, report=None, on_progress=None):
    """Import every good record and report the rest; returns the ``ImportReport``.

    ``on_progress(outcome, line_number, message)`` is called for each record, with outcome "imported",
    "skipped" or "failed" and a Dutch message. ImportRefused stops the whole import.
    """
    report = report if report is not None else ImportReport()

    def note(outcome, number, message):
        if on_progress:
            on_progress(outcome, number, message)

    def fail(number, reason):
        report.failed.append((number, reason))
        note("failed", number, _("regel %(line)d: %(reason)s") % {"line": number, "reason": reason})

    for number, record in records:
        if isinstance(record, RecordError):
            fail(number, str(record))
            continue
        try:
            spec = importer.parse(record)
        except RecordError as error:
            fail(number, str(error))
            continue
        try:
            with transaction.atomic():
                if importer.already_present(spec):
                    report.skipped.append((number, *importer.entry(spec)))
                    note(
                        "skipped",
                        number,
                        _("regel %(line)d: al aanwezig, overgeslagen: %(record)s")
                        % {"line": number, "record": importer.label(spec)},
                    )
                    continue
                importer.write(spec)
        except ImportRefused:
            raise
        except RecordError as error:
            fail(number, str(error))
        except ValidationError as error:
            fail(number, _("niet opgeslagen: %(reason)s") % {"reason": describe(error)})
        except Exception as error:  # noqa: BLE001  (one broken record must not stop the others)
            fail(
                number,
                _("niet opgeslagen door een onverwachte fout: %(error)s")
                % {"error": f"{type(error).__name__}: {error}"},
            )
        else:
            report.imported.append((number, *importer.entry(spec)))
            note(
                "imported",
                number,
                _("regel %(line)d: geïmporteerd: %(record)s") % {"line": number, "record": importer.label(spec)},
            )
    return report


class ImportCommand(BaseCommand):
    """A management command around an ``import_file(path, on_progress=..., **options)`` function.

    Failed records go to stderr, the rest to stdout (unless -v 0); the command
    ends with a summary and exits non-zero when any record failed.
    """

    refused_message = "Import niet gestart: {error}."

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)

    def run_import(self, file, import_file, verbosity=1, **import_options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Bestand niet gevonden: %(file)s") % {"file": file})

        def progress(outcome, number, message):
            if outcome == "failed":
                self.stderr.write(message)
            elif verbosity >= 1:
                self.stdout.write(message)

        try:
            report = import_file(path, on_progress=progress, **import_options)
        except ImportRefused as error:
            raise CommandError(self.refused_message.format(error=error)) from error
        if report.ignored_columns:
            self.stdout.write(
                self.style.WARNING(
                    _("Let op: onbekende kolommen genegeerd: %(columns)s")
                    % {"columns": ", ".join(report.ignored_columns)}
                )
            )
        return report

    def finish(self, report):
        style = self.style.SUCCESS if report.ok else self.style.WARNING
        self.stdout.write(style(_("Klaar: %(summary)s") % {"summary": report.summary()}))
        if not report.ok:
            raise CommandError(
                ngettext(
                    "%(count)d regel mislukt; zie de meldingen hierboven.",
                    "%(count)d regels mislukt; zie de meldingen hierboven.",
                    len(report.failed),
                )
                % {"count": len(report.failed)}
            )
