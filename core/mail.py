"""Plain-text notices to the people a rule names (admins, editors, a reporter)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from .text import one_line


def mail_people(subject, template, context, recipients):
    """One message to every address, each once; nothing when there is nobody to tell."""
    if recipients:
        send_mail(
            # A name stored before names were checked may hold a newline, which no mail header takes.
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(subject),
            render_to_string(template, context),
            None,
            sorted(set(recipients)),
        )
