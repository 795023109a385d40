from django.core.management.base import BaseCommand

from members.reminders import send_profile_reminders


class Command(BaseCommand):
    help = "Mailt de beheerders van organisaties waarvan het profiel langer dan 12 maanden niet is bevestigd. Draai dagelijks vanuit cron."

    def handle(self, *args, **options):
        count = send_profile_reminders()
        self.stdout.write(f"Herinneringen verstuurd voor {count} organisatie(s).")
