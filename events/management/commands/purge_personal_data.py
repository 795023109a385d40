from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Wist de persoonsgegevens van aanmeldingen voor bijeenkomsten die langer dan "
        "EVENTS_PERSONAL_DATA_RETENTION_MONTHS maanden geleden zijn (anonieme aantallen blijven) "
        "en verwijdert verlopen, onbevestigde aanmeldingen. Draai dagelijks vanuit cron."
    )

    def handle(self, *args, **options):
        anonymised, deleted = purge_personal_data()
        self.stdout.write(
            f"Aanmeldingen geanonimiseerd: {anonymised} (ouder dan {settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS} "
            f"maanden na de bijeenkomst). Verlopen onbevestigde aanmeldingen verwijderd: {deleted}."
        )
