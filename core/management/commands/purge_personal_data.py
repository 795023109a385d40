from django.core.management.base import BaseCommand

from core import personal_data


class Command(BaseCommand):
    help = (
        "Wist persoonsgegevens die ouder zijn dan hun bewaartermijn, in elke app die ze bewaart "
        "(core/personal_data.py; de termijnen staan in de instellingen). Draai dagelijks vanuit cron."
    )

    def handle(self, *args, **options):
        self.stdout.write(" ".join(personal_data.purge()))
