"""Which email a registration gets, sent only after the transaction that decided it has committed."""

import datetime

from django.core.cache import cache
from django.db import transaction

from ..emails import send_registration_email
from ..models.registrations import Registration

Status = Registration.Status
RESEND_AFTER = datetime.timedelta(minutes=10)


def send_after_commit(registration_ids, kind, each=False):
    if not registration_ids:
        return
    # Robust: a mail server that is down must not turn a registration that was saved into an error page.
    if each:
        for pk in registration_ids:
            transaction.on_commit(lambda pk=pk: send_registration_email.enqueue([pk], kind), robust=True)
    else:
        ids = list(registration_ids)
        transaction.on_commit(lambda: send_registration_email.enqueue(ids, kind), robust=True)


def may_send(registration, new, kind=""):
    """A visitor asking again for an unconfirmed registration gets the link again (or hears that they are
    registered already), at most every ten minutes, so the form cannot be used to flood someone's mailbox."""
    key = f"events:sent:{registration.pk}" + (f":{kind}" if kind == "already" else "")
    seconds = int(RESEND_AFTER.total_seconds())
    if new:
        cache.set(key, True, seconds)
        return True
    return cache.add(key, True, seconds)


def again_kind(registration):
    """A visitor asked again: an unconfirmed request gets its link again; a seat or waiting-list place is named."""
    return "confirm_request" if registration.status == Status.PENDING else "already"


def first_email_kind(registration):
    return {
        Status.PENDING: "confirm_request",
        Status.CONFIRMED: "confirmed",
        Status.WAITING: "waiting",
    }[registration.status]
