"""The signed links in registration emails: confirm a visitor's request, cancel a registration."""

from django.core import signing

from .models.registrations import Registration

CONFIRM_SALT = "events.registration.confirm"
CANCEL_SALT = "events.registration.cancel"


def confirm_token(registration):
    return signing.dumps(registration.pk, salt=CONFIRM_SALT)


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token, salt):
    try:
        pk = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=pk).select_related("event", "table").first()
