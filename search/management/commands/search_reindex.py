import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from search import registry, services


class Command(BaseCommand):
    help = gettext_lazy("Bouwt de zoekindex opnieuw op uit alle openbare, gepubliceerde inhoud.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=sorted(services.BACKENDS),
            help=gettext_lazy(
                "Alleen deze zoekmachine (standaard: de ingestelde, Elasticsearch als ELASTICSEARCH_URL gezet is)."
            ),
        )

    def handle(self, *args, backend=None, **options):
        name = backend or services.backend_name()
        try:
            search_backend = services.get_backend(name)
        except Exception as error:  # missing settings or an unreachable server
            raise CommandError(
                _("Zoekmachine %(backend)s is niet beschikbaar: %(error)s") % {"backend": name, "error": error}
            ) from error
        total = services.count_documents()
        started = time.monotonic()
        counts = {}

        def documents():
            for document in services.all_documents():
                counts[document.type] = counts.get(document.type, 0) + 1
                yield document

        try:
            indexed = search_backend.rebuild(documents(), progress=lambda done: self._progress(done, total))
        except Exception as error:
            raise CommandError(
                _("Opnieuw indexeren in %(backend)s mislukt: %(error)s") % {"backend": name, "error": error}
            ) from error
        self.stderr.write("")  # end the progress line
        labels = registry.type_labels()
        summary = ngettext(
            "%(count)d item geïndexeerd in %(backend)s in %(seconds).1f s.",
            "%(count)d items geïndexeerd in %(backend)s in %(seconds).1f s.",
            indexed,
        ) % {
            "count": indexed,
            "backend": name,
            "seconds": time.monotonic() - started,
        }
        self.stdout.write(self.style.SUCCESS(summary))
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"  {labels.get(kind, kind)}: {count}")

    def _progress(self, done, total):
        width = 30
        filled = width * done // total if total else width
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stderr.write(line, ending="")
        self.stderr.flush()
