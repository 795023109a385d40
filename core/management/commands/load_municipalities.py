from django.core.management.base import BaseCommand

from core.municipalities import load_municipalities


class Command(BaseCommand):
    help = "Zet alle Nederlandse gemeenten (CBS-indeling, core/data/municipalities.csv) in de database. Herhalen verandert niets."

    def handle(self, *args, **options):
        created, updated = load_municipalities()
        self.stdout.write(f"Gemeenten: {created} toegevoegd, {updated} bijgewerkt.")
