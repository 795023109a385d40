from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from search.backends.database import DatabaseBackend


class Command(BaseCommand):
    help = gettext_lazy(
        "PostgreSQL: houdt voor de woorden die nu veel voorkomen de sets van hun items bij, zodat zoeken "
        "daarop snel blijft (ieder uur vanuit cron; een volledige herindexering doet het ook)."
    )

    def handle(self, *args, **options):
        backend = DatabaseBackend()
        if backend.vendor != "postgresql":
            self.stdout.write(_("Niet nodig: de database is geen PostgreSQL."))
            return
        added, dropped = backend.refresh_common_words()
        self.stdout.write(
            _("Veelvoorkomende woorden bijgewerkt: %(added)d toegevoegd, %(dropped)d verwijderd.")
            % {"added": added, "dropped": dropped}
        )
