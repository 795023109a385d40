from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from events.services import send_reminders


class Command(BaseCommand):
    help = (
        "Mailt deelnemers een herinnering voor bijeenkomsten die binnen de ingestelde tijd beginnen "
        "(standaard 48 uur). Iedereen krijgt hoogstens één herinnering. Draai elk kwartier vanuit cron."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(_("Herinneringen verstuurd: %(count)d.") % {"count": count})
