from django.core.management.base import BaseCommand

from members.geocoding_tasks import address_query, geocode
from members.models import Organisation


class Command(BaseCommand):
    help = "Look up the coordinates of organisations that have an address but no coordinates (PDOK Locatieserver)."

    def handle(self, *args, **options):
        found = failed = 0
        for organisation in Organisation.objects.filter(latitude__isnull=True).order_by("pk"):
            if not address_query(organisation):
                continue
            if geocode(organisation):
                found += 1
            else:
                failed += 1
                self.stderr.write(f"No coordinates for {organisation.name} ({address_query(organisation)})")
        self.stdout.write(f"{found} organisations geocoded, {failed} not found.")
