from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.services import purge_personal_data
from search.services import purge_query_statistics


class Command(BaseCommand):
    help = (
        "Wist de persoonsgegevens van aanmeldingen voor bijeenkomsten die langer dan "
        "EVENTS_PERSONAL_DATA_RETENTION_MONTHS maanden geleden zijn (anonieme aantallen blijven) "
        "en verwijdert verlopen, onbevestigde aanmeldingen en zoekstatistieken ouder dan "
        "SEARCH_STATISTICS_RETENTION_MONTHS maanden. Draai dagelijks vanuit cron."
    )

    def handle(self, *args, **options):
        anonymised, deleted = purge_personal_data()
        statistics = purge_query_statistics()
        months = settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS
        self.stdout.write(
            ngettext(
                "Aanmeldingen geanonimiseerd: %(anonymised)d (ouder dan %(months)d maand na de bijeenkomst).",
                "Aanmeldingen geanonimiseerd: %(anonymised)d (ouder dan %(months)d maanden na de bijeenkomst).",
                months,
            ) % {"anonymised": anonymised, "months": months}
            + " "
            + _("Verlopen onbevestigde aanmeldingen verwijderd: %(deleted)d.") % {"deleted": deleted}
            + " "
            + _("Oude zoekstatistieken verwijderd: %(statistics)d.") % {"statistics": statistics}
        )
