from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from notifications.delivery import send_due
from notifications.guest_digests import send_guest_digests


class Command(BaseCommand):
    help = (
        "Sends the notification emails that are due (at once, daily and weekly digests) and the weekly news of "
        "guest subscriptions. Safe to run again."
    )

    def handle(self, *args, **options):
        sent = send_due() + send_guest_digests()
        self.stdout.write(
            ngettext("%(count)d e-mail verstuurd.", "%(count)d e-mails verstuurd.", sent) % {"count": sent}
        )
