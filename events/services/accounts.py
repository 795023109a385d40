"""What the members' pages show of events: a member's registrations and an organisation's meetings."""

from allauth.account.models import EmailAddress
from django.db.models.functions import Lower
from django.utils import timezone

from ..models.registrations import Registration
from .waiting_list import waiting_positions

Status = Registration.Status


def verified_addresses(user):
    return EmailAddress.objects.filter(user=user, verified=True).annotate(address=Lower("email")).values("address")


def claim_guest_registrations(user):
    """Registrations made as a visitor with an address the member has verified are the member's.

    Only those confirmed through the emailed link (so by whoever reads that mailbox): an unconfirmed
    request may have been typed by anyone. One query.
    """
    return (
        Registration.objects.filter(user__isnull=True, anonymised=False, email__in=verified_addresses(user))
        .exclude(status=Status.PENDING)
        .update(user=user)
    )


def registrations_for_user(user, now=None):
    """A member's registrations: coming events first (soonest first), then past ones. Two queries at most."""
    if not user.is_authenticated:
        return {"upcoming": [], "past": []}
    now = now or timezone.now()
    rows = list(
        Registration.objects.filter(user=user, status__in=[Status.CONFIRMED, Status.WAITING, Status.PENDING])
        .select_related("event", "table")
        .order_by("event__start", "pk")
    )
    waiting = [row for row in rows if row.status == Status.WAITING]
    if waiting:
        positions = waiting_positions([row.event_id for row in waiting])
        for row in waiting:
            row.waiting_position = positions.get(row.pk)
    upcoming = [row for row in rows if row.event.end >= now]
    past = [row for row in reversed(rows) if row.event.end < now]
    return {"upcoming": upcoming, "past": past}


def events_for_organisation(organisation, now=None, upcoming_count=10, recent_count=5):
    """Live events an organisation organises: coming ones (soonest first) and recent past ones. Three queries."""
    now = now or timezone.now()
    events = organisation.organised_events.live().public().select_related("municipality")
    return {
        "upcoming": list(events.filter(end__gte=now).order_by("start", "pk")[:upcoming_count]),
        "recent": list(events.filter(end__lt=now).order_by("-start", "-pk")[:recent_count]),
    }
