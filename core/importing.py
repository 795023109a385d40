"""What the bulk imports share: a per-record error, the report they return, and their command."""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class RecordError(Exception):
    """One line or row cannot be imported; ``reasons`` says why, in Dutch."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("; ".join(self.reasons))


@dataclass
class ImportReport:
    imported: list = field(default_factory=list)  # (line number, description)
    skipped: list = field(default_factory=list)  # (line number, description): already present
    failed: list = field(default_factory=list)  # (line number, reason)

    @property
    def ok(self):
        return not self.failed

    def summary(self):
        return (
            f"{len(self.imported)} geïmporteerd, {len(self.skipped)} overgeslagen (al aanwezig), "
            f"{len(self.failed)} mislukt."
        )


class ImportCommand(BaseCommand):
    """A management command around an ``import_file(path, on_progress=..., **options)`` function.

    Failed records go to stderr, the rest to stdout (unless -v 0); the command
    ends with a summary and exits non-zero when any record failed.
    """

    refused_error = Exception  # the importer's "whole file refused" error
    refused_message = "Import niet gestart: {error}."

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)

    def run_import(self, file, import_file, verbosity=1, **import_options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        def progress(outcome, number, message):
            if outcome == "failed":
                self.stderr.write(message)
            elif verbosity >= 1:
                self.stdout.write(message)

        try:
            report = import_file(path, on_progress=progress, **import_options)
        except self.refused_error as error:
            raise CommandError(self.refused_message.format(error=error)) from error
        return report

    def finish(self, report):
        style = self.style.SUCCESS if report.ok else self.style.WARNING
        self.stdout.write(style(f"Klaar: {report.summary()}"))
        if not report.ok:
            raise CommandError(f"{len(report.failed)} regel(s) mislukt; zie de meldingen hierboven.")
