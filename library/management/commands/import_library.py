from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from library.importer import ImportSetupError, import_file


class Command(BaseCommand):
    help = (
        "Importeert praktijkverhalen, handreikingen en draaiboeken uit een JSONL-bestand "
        "(één JSON-object per regel). "
        "Foute regels worden gemeld en overgeslagen; wat er al staat, wordt niet nog eens aangemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het JSONL-bestand. Bijlagen staan relatief aan de map van dit bestand.")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        verbosity = options["verbosity"]

        def progress(outcome, number, message):
            if outcome == "failed":
                self.stderr.write(message)
            elif verbosity >= 1:
                self.stdout.write(message)

        try:
            report = import_file(path, on_progress=progress)
        except ImportSetupError as error:
            raise CommandError(f"Import niet gestart: {error}.") from error
        style = self.style.SUCCESS if report.ok else self.style.WARNING
        self.stdout.write(style(f"Klaar: {report.summary()}"))
        if not report.ok:
            raise CommandError(f"{len(report.failed)} regel(s) mislukt; zie de meldingen hierboven.")
