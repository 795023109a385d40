"""A visitor confirms their request through the emailed link: only then do they take a seat."""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.registrations import Registration
from .accounts import claim_guest_registrations
from .errors import RegistrationError
from .locking import lock_event, seat_decision
from .notifications import first_email_kind, send_after_commit
from .registration import registered_together
from .waiting_list import place
from .windows import is_expired, registration_problem

Status = Registration.Status


def confirm(registration, now=None):
    """Confirm a visitor's request (and the rest of its series registration); returns what took a place."""
    now = now or timezone.now()
    if is_expired(registration, now):
        # Deleted outside the transaction below, so the error does not undo it.
        Registration.objects.filter(pk__in=[item.pk for item in registered_together(registration)]).delete()
        raise RegistrationError(_("De bevestigingslink is verlopen. Meld u opnieuw aan; u krijgt dan een nieuwe link."))
    return _confirm(registration, now)


@seat_decision
def _confirm(registration, now):
    group = registered_together(registration)
    if registration.status != Status.PENDING:
        if registration.status in (Status.CONFIRMED, Status.WAITING):
            return group
        raise RegistrationError(_("Deze aanmelding is niet meer geldig. Meld u opnieuw aan."))
    confirmed, skipped = [], None
    for item in sorted(group, key=lambda r: r.event_id):
        if item.status != Status.PENDING:
            continue
        locked = lock_event(item.event)
        # The window counts at confirmation too: a link opened after closing or after the start takes no seat.
        if problem := registration_problem(item.event, now):
            if registration.series_key is None:
                raise RegistrationError(problem)
            skipped = skipped or problem
            continue
        place(item, locked, now)
        item.save(update_fields=["status", "confirmed_at", "queued_at"])
        confirmed.append(item)
    if not confirmed and skipped:
        raise RegistrationError(skipped)
    if registration.series_key is None:
        send_after_commit([registration.pk], first_email_kind(registration))
    else:
        send_after_commit([item.pk for item in confirmed], "series")
    if owner := EmailAddress.objects.filter(email__iexact=registration.email, verified=True).first():
        claim_guest_registrations(owner.user)
    return confirmed
