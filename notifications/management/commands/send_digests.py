from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from notifications.delivery import send_due


class Command(BaseCommand):
    help = "Sends the notification emails that are due (at once, daily and weekly digests). Safe to run again."

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(
            ngettext("%(count)d e-mail verstuurd.", "%(count)d e-mails verstuurd.", sent) % {"count": sent}
        )
