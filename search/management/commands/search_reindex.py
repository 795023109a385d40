import time

from django.core.management.base import BaseCommand, CommandError

from search import registry, services


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit alle openbare, gepubliceerde inhoud."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=sorted(services.BACKENDS),
            help="Alleen deze zoekmachine (standaard: de ingestelde, Elasticsearch als ELASTICSEARCH_URL gezet is).",
        )

    def handle(self, *args, backend=None, **options):
        name = backend or services.backend_name()
        try:
            search_backend = services.get_backend(name)
        except Exception as error:  # noqa: BLE001  (missing settings or an unreachable server)
            raise CommandError(f"Zoekmachine {name} is niet beschikbaar: {error}") from error
        total = services.count_documents()
        started = time.monotonic()
        counts = {}

        def documents():
            for document in services.all_documents():
                counts[document.type] = counts.get(document.type, 0) + 1
                yield document

        try:
            indexed = search_backend.rebuild(documents(), progress=lambda done: self._progress(done, total))
        except Exception as error:  # noqa: BLE001
            raise CommandError(f"Opnieuw indexeren in {name} mislukt: {error}") from error
        self.stderr.write("")  # end the progress line
        labels = registry.type_labels()
        self.stdout.write(self.style.SUCCESS(f"{indexed} items geïndexeerd in {name} in {time.monotonic() - started:.1f} s."))
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"  {labels.get(kind, kind)}: {count}")

    def _progress(self, done, total):
        width = 30
        filled = width * done // total if total else width
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stderr.write(line, ending="")
        self.stderr.flush()
