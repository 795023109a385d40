from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.importer import COLUMNS, ImportFileError, import_file


class Command(BaseCommand):
    help = (
        "Importeert organisaties voor de sociale kaart uit een CSV-bestand (UTF-8, gescheiden door komma's "
        f"of puntkomma's) met de kolommen {', '.join(COLUMNS)}. "
        "Foute rijen worden gemeld en overgeslagen; een organisatie met dezelfde naam in dezelfde gemeente "
        "wordt niet nog eens aangemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het CSV-bestand; de eerste regel is de kopregel met de kolomnamen.")
        parser.add_argument(
            "--verified",
            action="store_true",
            help="Zet de geïmporteerde organisaties meteen op 'geverifieerd' (anders: 'wacht op verificatie').",
        )

    def handle(self, *args, file, verified, **options):
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
            report = import_file(path, verified=verified, on_progress=progress)
        except ImportFileError as error:
            raise CommandError(f"Bestand geweigerd, er is niets geïmporteerd: {error}.") from error
        if report.ignored_columns:
            self.stdout.write(
                self.style.WARNING(f"Let op: onbekende kolommen genegeerd: {', '.join(report.ignored_columns)}")
            )
        style = self.style.SUCCESS if report.ok else self.style.WARNING
        self.stdout.write(style(f"Klaar: {report.summary()}"))
        if not report.ok:
            raise CommandError(f"{len(report.failed)} regel(s) mislukt; zie de meldingen hierboven.")
