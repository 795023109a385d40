from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from follows.models import SuppressedAddress

REASONS = {"bounced": SuppressedAddress.Reason.BOUNCE, "complained": SuppressedAddress.Reason.COMPLAINT}


class Command(BaseCommand):
    help = "Stop all email to an address that bounced or complained (for bounce feeds)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", choices=sorted(REASONS), required=True)

    def handle(self, email, reason, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"invalid email address: {email}") from error
        SuppressedAddress.objects.update_or_create(email=email, defaults={"reason": REASONS[reason]})
        self.stdout.write(f"suppressed {email} ({reason})")
