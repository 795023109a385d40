from django.core.management.base import BaseCommand

from notifications.delivery import send_due


class Command(BaseCommand):
    help = "Sends the notification emails that are due (at once, daily and weekly digests). Safe to run again."

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(f"{sent} e-mails verstuurd.")
