from core.importing import ImportCommand
from library.importer import import_file


class Command(ImportCommand):
    help = (
        "Importeert praktijkverhalen, handreikingen en draaiboeken uit een JSONL-bestand "
        "(één JSON-object per regel). "
        "Foute regels worden gemeld en overgeslagen; wat er al staat, wordt niet nog eens aangemaakt."
    )
    file_help = "Het JSONL-bestand. Bijlagen staan relatief aan de map van dit bestand."

    def handle(self, *args, file, **options):
        self.finish(self.run_import(file, import_file, options["verbosity"]))
