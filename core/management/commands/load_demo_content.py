from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app adds its own loader; they run in this order and each is idempotent.
DEMO_LOADERS = [
    "core.municipalities.load",
    "home.demo.load",
    "members.demo.load",
    "library.demo.load",
    "events.demo.load",
    "search.demo.load",  # last: indexes everything above
]


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
        with transaction.atomic():
            for path in DEMO_LOADERS:
                result = import_string(path)()
                if result:
                    report.extend(result)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
        for line in report:
            self.stdout.write(line)
