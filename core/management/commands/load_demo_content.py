import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Each app adds its own loader; they run in this order and each is idempotent. The home page's featured
# material is chosen after the library exists (home sits above library; library does not reach up into home).
DEMO_LOADERS = [
    "core.municipalities.load",
    "home.demo.load",
    "members.demo.load",
    "library.demo.load",
    "home.demo.feature_material",
    "events.demo.load",
    "corrections.demo.load",
    "notifications.demo.load",
    "newsletters.demo.load",
    "search.demo.load",  # last: indexes everything above
]

# What each step tells the person waiting; a loader without an entry is shown by its module.
STEP_LABELS = {
    "core.municipalities.load": gettext_lazy("gemeenten"),
    "home.demo.load": gettext_lazy("startpagina en vaste pagina's"),
    "members.demo.load": gettext_lazy("accounts, organisaties en de sociale kaart"),
    "library.demo.load": gettext_lazy("bibliotheek: praktijkverhalen, handreikingen en draaiboeken"),
    "home.demo.feature_material": gettext_lazy("uitgelichte pagina's op de startpagina"),
    "events.demo.load": gettext_lazy("agenda: bijeenkomsten, dialoogtafels en aanmeldingen"),
    "corrections.demo.load": gettext_lazy("een open foutmelding op een organisatieprofiel"),
    "notifications.demo.load": gettext_lazy("volgen en meldingen"),
    "newsletters.demo.load": gettext_lazy("nieuwsbrieven"),
    "search.demo.load": gettext_lazy("zoekindex"),
}


class Command(BaseCommand):
    help = "Vult de site met demo-inhoud en demo-accounts. Een tweede keer draaien verandert niets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als DEBUG uit staat. De demo-accounts hebben bekende wachtwoorden.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo-inhoud bevat accounts met bekende wachtwoorden en wordt alleen geladen als DEBUG aan staat "
                "(of met --force)."
            )
        report = []
        started = time.monotonic()
        # Wagtail logs every page it creates, edits and publishes; while loading that is noise.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        try:
            with transaction.atomic():
                for number, path in enumerate(DEMO_LOADERS, start=1):
                    label = STEP_LABELS.get(path, path.rsplit(".", 1)[0])
                    self.stdout.write(
                        _("Demo-inhoud %(number)s/%(total)s: %(label)s ...")
                        % {"number": number, "total": len(DEMO_LOADERS), "label": label}
                    )
                    step_started = time.monotonic()
                    result = import_string(path)()
                    if result:
                        report.extend(result)
                    self.stdout.write(_("  klaar in %(seconds).0f s") % {"seconds": time.monotonic() - step_started})
        finally:
            wagtail_log.setLevel(level)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo-inhoud staat klaar (%(seconds).0f s).") % {"seconds": time.monotonic() - started}
            )
        )
        for line in report:
            self.stdout.write(line)
