from core.importing import ImportCommand
from members.importer import COLUMNS, OPTIONAL_COLUMNS, import_file


class Command(ImportCommand):
    help = (
        "Importeert organisaties voor de sociale kaart uit een CSV-bestand (UTF-8, gescheiden door komma's "
        f"of puntkomma's) met de kolommen {', '.join(COLUMNS)} en eventueel {', '.join(OPTIONAL_COLUMNS)}. "
        "Foute rijen worden gemeld en overgeslagen; een organisatie met dezelfde naam in dezelfde gemeente "
        "wordt niet nog eens aangemaakt."
    )
    file_help = "Het CSV-bestand; de eerste regel is de kopregel met de kolomnamen."
    refused_message = "Bestand geweigerd, er is niets geïmporteerd: {error}."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--verified",
            action="store_true",
            help="Zet de geïmporteerde organisaties meteen op 'geverifieerd' (anders: 'wacht op verificatie').",
        )

    def handle(self, *args, file, verified, **options):
        self.finish(self.run_import(file, import_file, options["verbosity"], verified=verified))
