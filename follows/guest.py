"""Visitors without an account get news about one theme or one municipality by email, with double opt-in.

Asking stores nothing: the confirmation email carries the address, the subject and the language in a signed link
that expires after GUEST_CONFIRMATION_DAYS. Only confirming (a POST from that link's page: mail scanners follow
GET links) writes the EmailSubscription. Asking again for an address that is already subscribed sends the same
email, so the form never tells whether an address is known; a suppressed address (bounced, complained) gets
nothing at all.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.siteurl import absolute_url
from core.taxonomy import Municipality, Theme

from .models import EmailSubscription
from .unsubscribe import may_send_to

SALT = "follows.guest"
SUBJECT_KINDS = {"thema": Theme, "gemeente": Municipality}


class InvalidLink(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def subject_value(subject):
    """ "thema:schulden" or "gemeente:almere": how a choice travels in forms and links."""
    kind = "thema" if isinstance(subject, Theme) else "gemeente"
    return f"{kind}:{subject.slug}"


def find_subject(value):
    """The Theme or Municipality a value names, or None."""
    kind, _sep, slug = str(value or "").partition(":")
    model = SUBJECT_KINDS.get(kind)
    return model.objects.filter(slug=slug).first() if model and slug else None


def confirmation_token(email, subject, language):
    return signing.dumps({"e": email, "s": subject_value(subject), "l": language}, salt=SALT, compress=True)


def request_subscription(email, subject, language):
    """Send the confirmation link (nothing is stored). Returns whether an email went out."""
    email = email.strip()
    if not may_send_to(email):
        return False
    token = confirmation_token(email, subject, language)
    context = {
        "subject": subject,
        "confirm_url": absolute_url(reverse("follows:guest_confirm", kwargs={"token": token})),
        "days": settings.GUEST_CONFIRMATION_DAYS,
    }
    with translation.override(language):
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + _("Bevestig: nieuws over %(subject)s per e-mail") % {"subject": subject.name},
            body=render_to_string("follows/email/guest_confirm.txt", context),
            to=[email],
        )
        message.attach_alternative(render_to_string("follows/email/guest_confirm.html", context), "text/html")
    message.send()
    return True


class Confirmation:
    """What a valid confirmation link asks for."""

    def __init__(self, email, subject, language):
        self.email, self.subject, self.language = email, subject, language

    def confirm(self):
        """Create the subscription; confirming twice (or two clicks at once) leaves one row."""
        field = "theme" if isinstance(self.subject, Theme) else "municipality"
        try:
            with transaction.atomic():
                subscription, _created = EmailSubscription.objects.get_or_create(
                    email=self.email, **{field: self.subject}, defaults={"language": self.language}
                )
        except IntegrityError:  # the other click created it first
            subscription = EmailSubscription.objects.get(email=self.email, **{field: self.subject})
        return subscription


def read_confirmation(token):
    """The Confirmation a link stands for; InvalidLink with a Dutch message when it is expired or broken."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.GUEST_CONFIRMATION_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise InvalidLink(_("Deze bevestigingslink is verlopen. Vraag hieronder een nieuwe aan.")) from None
    except signing.BadSignature:
        raise InvalidLink(_("Deze bevestigingslink klopt niet. Vraag hieronder een nieuwe aan.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise InvalidLink(_("Deze bevestigingslink klopt niet. Vraag hieronder een nieuwe aan."))
    subject = find_subject(data.get("s"))
    if subject is None:
        raise InvalidLink(_("Dit onderwerp bestaat niet meer op het platform."))
    language = data.get("l") if data.get("l") in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return Confirmation(data["e"], subject, language)
