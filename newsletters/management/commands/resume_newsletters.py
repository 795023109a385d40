from django.core.management.base import BaseCommand

from newsletters.sending import resume_all


class Command(BaseCommand):
    help = "Queue the sending of every newsletter still being sent (after a crash or a restart); run it from cron."

    def handle(self, *args, **options):
        ids = resume_all()
        self.stdout.write(f"{len(ids)} newsletter(s) queued")
