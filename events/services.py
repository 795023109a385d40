"""Registration rules for events, shared by the views, the admin hooks and the management commands.

Every change to who holds a seat happens inside a transaction that first locks
the event's row (SELECT ... FOR UPDATE), so concurrent registrations are
serialised per event and the capacity of the event and of each dialogue table
can never be exceeded. SQLite has no row locks but serialises all writers.
"""

import datetime
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import months_before

from .models import DialogueTable, EventPage, Registration

Status = Registration.Status
CONFIRM_SALT = "events.registration.confirm"
CANCEL_SALT = "events.registration.cancel"


class RegistrationError(Exception):
    """A rule stops the registration; the message is shown to the person as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# -- when registration is possible -------------------------------------------------------------


def registration_problem(event, now=None):
    """None when registration is open, otherwise the reason in Dutch."""
    now = now or timezone.now()
    if event.is_past(now):
        return _("Deze bijeenkomst is voorbij.")
    if event.has_started(now):
        return _("Deze bijeenkomst is al begonnen; aanmelden kan niet meer.")
    if event.registration_opens and now < event.registration_opens:
        return _("Aanmelden kan vanaf %(date)s.") % {
            "date": timezone.localtime(event.registration_opens).strftime("%d-%m-%Y %H:%M")
        }
    if event.registration_closes and now >= event.registration_closes:
        return _("Het aanmelden voor deze bijeenkomst is gesloten.")
    return None


def confirmation_hours():
    return getattr(settings, "EVENTS_CONFIRMATION_HOURS", 24)


def is_expired(registration, now=None):
    now = now or timezone.now()
    return registration.status == Status.PENDING and registration.created < now - datetime.timedelta(
        hours=confirmation_hours()
    )


# -- seats ----------------------------------------------------------------------------------------


def _lock(event):
    """The event's row, locked until the transaction ends: one seat decision at a time per event."""
    return EventPage.objects.select_for_update(of=("self",)).only("pk", "capacity", "start").get(pk=event.pk)


def _has_room(event, table):
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    if event.capacity is not None and confirmed.count() >= event.capacity:
        return False
    if table is not None and confirmed.filter(table=table).count() >= table.capacity:
        return False
    return True


def _place(registration, locked_event, now):
    """Give a seat if there is one, otherwise a place at the end of the waiting list. Caller holds the lock."""
    table = DialogueTable.objects.filter(pk=registration.table_id).first() if registration.table_id else None
    if _has_room(locked_event, table):
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.queued_at = None
    else:
        registration.status = Status.WAITING
        # The clock read under the lock, so the waiting list follows the order in which people got the lock.
        registration.queued_at = timezone.now()


def seat_counts(event):
    """Confirmed seats, waiting list length, and per table (id -> confirmed), in two queries."""
    rows = Registration.objects.filter(event=event, status__in=[Status.CONFIRMED, Status.WAITING])
    totals = rows.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)), waiting=Count("pk", filter=Q(status=Status.WAITING))
    )
    per_table = dict(
        rows.filter(status=Status.CONFIRMED, table__isnull=False)
        .values_list("table")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return totals["confirmed"], totals["waiting"], per_table


def free_seats(event):
    """Seats left, or None when the event has no maximum."""
    if event.capacity is None:
        return None
    confirmed, _waiting, _tables = seat_counts(event)
    return max(event.capacity - confirmed, 0)


# -- registering ----------------------------------------------------------------------------------


def _existing(event, user, email):
    condition = Q(email__iexact=email) if email else Q()
    if user is not None:
        condition |= Q(user=user)
    return Registration.objects.filter(event=event).active().filter(condition).first() if condition else None


def _check_table(event, table, with_tables=True):
    has_tables = event.tables.exists()
    if table is not None and table.event_id != event.pk:
        raise RegistrationError(_("Kies een tafel van deze bijeenkomst."))
    if with_tables and has_tables and table is None:
        raise RegistrationError(_("Kies aan welke dialoogtafel u wilt deelnemen."))
    if not has_tables and table is not None:
        raise RegistrationError(_("Deze bijeenkomst heeft geen dialoogtafels."))


def _check_organisation(user, organisation):
    if organisation is not None and (user is None or not organisation.memberships.filter(user=user).exists()):
        raise RegistrationError(_("Kies een organisatie waar u lid van bent."))


def _fill_person(registration, user, name, email, organisation, organisation_name, organisation_kind):
    if user is not None:
        registration.user = user
        registration.name = name or user.get_full_name()
        registration.email = user.email
    else:
        registration.name = name.strip()
        registration.email = email.strip().lower()
    if organisation is not None:
        registration.organisation = organisation
        registration.organisation_name = organisation.name
        registration.organisation_kind = organisation.kind
    else:
        registration.organisation_name = organisation_name.strip()
        registration.organisation_kind = organisation_kind or ""


def _register_locked(locked, event, *, user, name, email, table, organisation, organisation_name, organisation_kind,
                     note, now, series_key=None, keep_existing=False):
    """Returns (registration, created). With keep_existing, an active registration is returned, not refused."""
    existing = _existing(locked, user, email if user is None else user.email)
    if existing is not None:
        # A logged-in member outranks an unconfirmed request made with their address (perhaps by someone else).
        if existing.status == Status.PENDING and (is_expired(existing, now) or (user is not None and existing.user_id is None)):
            existing.delete()
        elif user is None or keep_existing:
            # A visitor gets the same answer whether or not the address is registered; the rest goes by email.
            return existing, False
        else:
            raise RegistrationError(_("U bent al aangemeld voor deze bijeenkomst."))
    registration = Registration(event_id=event.pk, table=table, note=note.strip(), series_key=series_key)
    _fill_person(registration, user, name, email, organisation, organisation_name, organisation_kind)
    if not registration.email:
        raise RegistrationError(_("Vul uw e-mailadres in."))
    if user is None:
        # A visitor's seat is taken only when they confirm through the emailed link.
        registration.status = Status.PENDING
    else:
        _place(registration, locked, now)
    registration.save()
    return registration, True


@transaction.atomic
def register(event, *, user=None, name="", email="", table=None, organisation=None, organisation_name="",
             organisation_kind="", note="", now=None):
    """Register a member (one step) or a visitor (pending until confirmed). Returns the registration.

    Raises RegistrationError with a Dutch message when a rule stops it; nothing is changed then.
    """
    now = now or timezone.now()
    if user is not None and not user.is_authenticated:
        user = None
    if user is None and not name.strip():
        raise RegistrationError(_("Vul uw naam in."))
    _check_organisation(user, organisation)
    locked = _lock(event)
    event.capacity = locked.capacity
    if problem := registration_problem(event, now):
        raise RegistrationError(problem)
    series = event.series
    if series is not None and series.registers_as_series:
        raise RegistrationError(_("Voor deze reeks meldt u zich aan voor alle bijeenkomsten tegelijk."))
    _check_table(event, table)
    registration, new = _register_locked(
        locked, event, user=user, name=name, email=email, table=table, organisation=organisation,
        organisation_name=organisation_name, organisation_kind=organisation_kind, note=note, now=now,
    )
    kind = _first_email_kind(registration) if new else _again_kind(registration)
    if _may_send(registration, new, kind):
        send_after_commit([registration.pk], kind)
    return registration


RESEND_AFTER = datetime.timedelta(minutes=10)


def _may_send(registration, new, kind=""):
    """A visitor asking again for an unconfirmed registration gets the link again (or hears that they are
    registered already), at most every ten minutes, so the form cannot be used to flood someone's mailbox."""
    key = f"events:sent:{registration.pk}" + (f":{kind}" if kind == "already" else "")
    seconds = int(RESEND_AFTER.total_seconds())
    if new:
        cache.set(key, True, seconds)
        return True
    return cache.add(key, True, seconds)


def _again_kind(registration):
    """A visitor asked again: an unconfirmed request gets its link again; a seat or waiting-list place is named."""
    return "confirm_request" if registration.status == Status.PENDING else "already"


def _first_email_kind(registration):
    return {
        Status.PENDING: "confirm_request",
        Status.CONFIRMED: "confirmed",
        Status.WAITING: "waiting",
    }[registration.status]


def series_meetings_open(series, now=None):
    """The meetings a series registration covers: every live one that is open for registration, in order."""
    now = now or timezone.now()
    return [meeting for meeting in series.meetings().filter(start__gt=now) if registration_problem(meeting, now) is None]


def series_registration_problem(series, now=None):
    now = now or timezone.now()
    coming = list(series.meetings().filter(start__gt=now))
    if not coming:
        return _("Er zijn geen komende bijeenkomsten in deze reeks.")
    if any(registration_problem(meeting, now) is None for meeting in coming):
        return None
    return registration_problem(coming[0], now)


@transaction.atomic
def register_for_series(series, *, user=None, name="", email="", organisation=None, organisation_name="",
                        organisation_kind="", note="", now=None):
    """Register for every coming meeting of a series at once. Returns the registrations, first meeting first."""
    now = now or timezone.now()
    if user is not None and not user.is_authenticated:
        user = None
    if user is None and not name.strip():
        raise RegistrationError(_("Vul uw naam in."))
    _check_organisation(user, organisation)
    if problem := series_registration_problem(series, now):
        raise RegistrationError(problem)
    key = uuid.uuid4()
    registrations, created = [], []
    # Lock in id order so that two series registrations never wait on each other crosswise. Meetings the
    # person already holds are kept as they are: registering again adds meetings added or cancelled since.
    for meeting in sorted(series_meetings_open(series, now), key=lambda m: m.pk):
        locked = _lock(meeting)
        registration, new = _register_locked(
            locked, meeting, user=user, name=name, email=email, table=None, organisation=organisation,
            organisation_name=organisation_name, organisation_kind=organisation_kind, note=note, now=now,
            series_key=key, keep_existing=True,
        )
        registrations.append(registration)
        if new:
            created.append(registration)
    registrations.sort(key=lambda r: r.event.start)
    pending = [r for r in registrations if r.status == Status.PENDING]
    if created:
        _may_send(created[0], new=True)
        send_after_commit([r.pk for r in created], "confirm_request" if user is None else "series")
    elif pending and user is None:
        if _may_send(pending[0], new=False):
            send_after_commit([r.pk for r in pending if r.series_key == pending[0].series_key], "confirm_request")
    elif user is None:
        # Registered for all of it already: the visitor hears it by email, not from the form.
        if _may_send(registrations[0], new=False, kind="already"):
            send_after_commit([r.pk for r in registrations], "already")
    else:
        raise RegistrationError(_("U bent al aangemeld voor alle komende bijeenkomsten van deze reeks."))
    return registrations


def _group(registration):
    """The registration and, for a series registration, the others made with it that are still active."""
    if registration.series_key is None:
        return [registration]
    return list(
        Registration.objects.filter(series_key=registration.series_key).active().select_related("event").order_by("pk")
    )


def confirm(registration, now=None):
    """A visitor confirms through the emailed link; only now do they take a seat (or a waiting-list place)."""
    now = now or timezone.now()
    if is_expired(registration, now):
        # Deleted outside the transaction below, so the error does not undo it.
        Registration.objects.filter(pk__in=[item.pk for item in _group(registration)]).delete()
        raise RegistrationError(
            _("De bevestigingslink is verlopen. Meld u opnieuw aan; u krijgt dan een nieuwe link.")
        )
    return _confirm(registration, now)


@transaction.atomic
def _confirm(registration, now):
    group = _group(registration)
    if registration.status != Status.PENDING:
        if registration.status in (Status.CONFIRMED, Status.WAITING):
            return group
        raise RegistrationError(_("Deze aanmelding is niet meer geldig. Meld u opnieuw aan."))
    confirmed, skipped = [], None
    for item in sorted(group, key=lambda r: r.event_id):
        if item.status != Status.PENDING:
            continue
        locked = _lock(item.event)
        # The window counts at confirmation too: a link opened after closing or after the start takes no seat.
        if problem := registration_problem(item.event, now):
            if registration.series_key is None:
                raise RegistrationError(problem)
            skipped = skipped or problem
            continue
        _place(item, locked, now)
        item.save(update_fields=["status", "confirmed_at", "queued_at"])
        confirmed.append(item)
    if not confirmed and skipped:
        raise RegistrationError(skipped)
    if registration.series_key is None:
        send_after_commit([registration.pk], _first_email_kind(registration))
    else:
        send_after_commit([item.pk for item in confirmed], "series")
    if owner := EmailAddress.objects.filter(email__iexact=registration.email, verified=True).first():
        claim_guest_registrations(owner.user)
    return confirmed


def only_rest_of_series(registration, now=None):
    """True when the registration's own meeting has begun but later meetings of its series registration have not:
    then only those later meetings can still be cancelled."""
    now = now or timezone.now()
    if registration.series_key is None or not registration.event.has_started(now):
        return False
    return any(not item.event.has_started(now) for item in _group(registration))


def cancel_problem(registration, now=None):
    """None when the registration can still be cancelled, otherwise the reason in Dutch. Once a meeting has begun
    its seat is no use to anyone on the waiting list, so cancelling it changes nothing and is refused."""
    now = now or timezone.now()
    if registration.event.has_started(now) and not only_rest_of_series(registration, now):
        return _("Deze bijeenkomst is al begonnen; afmelden kan niet meer.")
    return None


@transaction.atomic
def cancel(registration, whole_series=False, now=None, notify=True):
    """Cancel a registration (and, if asked, the rest of its series); frees the seat for the waiting list.
    Meetings that have begun are left as they are."""
    now = now or timezone.now()
    if problem := cancel_problem(registration, now):
        raise RegistrationError(problem)
    whole_series = whole_series or only_rest_of_series(registration, now)
    items = _group(registration) if whole_series else [registration]
    cancelled = []
    for item in sorted(items, key=lambda r: r.event_id):
        if item.event.has_started(now):
            continue  # a meeting of the series that has begun stays as it was
        locked = _lock(item.event)
        item.refresh_from_db(fields=["status"])
        if item.status not in Registration.ACTIVE:
            continue
        held_seat = item.status == Status.CONFIRMED
        item.was_pending = item.status == Status.PENDING
        item.status = Status.CANCELLED
        item.cancelled_at = now
        item.queued_at = None
        item.save(update_fields=["status", "cancelled_at", "queued_at"])
        cancelled.append(item)
        if held_seat:
            _promote_locked(locked, now)
    if notify:
        # One message for everything cancelled together; an unconfirmed request needs none.
        send_after_commit([item.pk for item in cancelled if not item.was_pending], "cancelled")
    return cancelled


def _promote_locked(locked, now):
    """Promote from the waiting list, in order, while seats are free. Caller holds the lock.

    Nobody is promoted once the event has begun: a seat freed during or after the meeting is of no use."""
    if locked.has_started(now):
        return []
    capacities = dict(DialogueTable.objects.filter(event_id=locked.pk).values_list("pk", "capacity"))
    confirmed, _waiting, per_table = seat_counts(locked)
    promoted = []
    for candidate in Registration.objects.filter(event_id=locked.pk).waiting():
        if locked.capacity is not None and confirmed >= locked.capacity:
            break
        if candidate.table_id in capacities and per_table.get(candidate.table_id, 0) >= capacities[candidate.table_id]:
            continue  # their table is full; someone further down may fit at another table
        candidate.status = Status.CONFIRMED
        candidate.confirmed_at = now
        candidate.queued_at = None
        candidate.save(update_fields=["status", "confirmed_at", "queued_at"])
        confirmed += 1
        if candidate.table_id:
            per_table[candidate.table_id] = per_table.get(candidate.table_id, 0) + 1
        promoted.append(candidate)
    if promoted:
        send_after_commit([item.pk for item in promoted], "promoted", each=True)
    return promoted


@transaction.atomic
def promote_waiting_list(event, now=None):
    """Fill free seats from the waiting list; returns who got a seat. Safe to call any time."""
    return _promote_locked(_lock(event), now or timezone.now())


@transaction.atomic
def set_capacity(event, capacity, now=None):
    """Change the number of seats (None: no maximum) and promote whoever now fits."""
    locked = _lock(event)
    EventPage.objects.filter(pk=event.pk).update(capacity=capacity)
    locked.capacity = event.capacity = capacity
    return _promote_locked(locked, now or timezone.now())


# -- links ---------------------------------------------------------------------------------------


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


# -- organisers ----------------------------------------------------------------------------------


def can_manage(user, event):
    """Organisers of the event and whoever may edit its page in the Wagtail admin see the attendees."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # The saved organisers decide, also when `event` is a preview with an unsaved list in memory.
    if user.organised_events.filter(pk=event.pk).exists():
        return True
    return event.permissions_for_user(user).can_edit()


def attendee_rows(event):
    """Everyone active for the event, confirmed first, then the waiting list in order, then pending requests."""
    rows = list(
        Registration.objects.filter(event=event)
        .active()
        .select_related("table", "organisation")
        .order_by("status", "queued_at", "pk")
    )
    order = {Status.CONFIRMED: 0, Status.WAITING: 1, Status.PENDING: 2}
    rows.sort(key=lambda r: (order[r.status], r.queued_at or r.created, r.pk))
    position = 0
    for row in rows:
        if row.status == Status.WAITING:
            position += 1
            row.waiting_position = position
        else:
            row.waiting_position = None
    return rows


def attendance_counts(event):
    """Anonymous counts: they stay correct after the personal data has been erased."""
    registrations = Registration.objects.filter(event=event)
    totals = registrations.aggregate(
        registered=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        attended=Count("pk", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        formal=Count("pk", filter=Q(status=Status.CONFIRMED, organisation_kind=Registration.OrganisationKind.FORMAL)),
        informal=Count(
            "pk", filter=Q(status=Status.CONFIRMED, organisation_kind=Registration.OrganisationKind.INFORMAL)
        ),
        unknown_kind=Count("pk", filter=Q(status=Status.CONFIRMED, organisation_kind="")),
    )
    tables = (
        DialogueTable.objects.filter(event=event)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            attended=Count(
                "registrations",
                filter=Q(registrations__status=Status.CONFIRMED, registrations__checked_in_at__isnull=False),
            ),
        )
        .order_by("sort_order", "pk")
    )
    totals["tables"] = list(tables)
    return totals


def set_checked_in(event, registration_id, present, now=None):
    """Mark a confirmed attendee present (or not). Returns the registration, or None if it is not on the list."""
    registration = Registration.objects.filter(event=event, pk=registration_id, status=Status.CONFIRMED).first()
    if registration is None:
        return None
    registration.checked_in_at = (now or timezone.now()) if present else None
    registration.save(update_fields=["checked_in_at"])
    return registration


# -- for members' pages (extension points) -------------------------------------------------------


def _verified_addresses(user):
    return EmailAddress.objects.filter(user=user, verified=True).annotate(address=Lower("email")).values("address")


def claim_guest_registrations(user):
    """Registrations made as a visitor with an address the member has verified are the member's.

    Only those confirmed through the emailed link (so by whoever reads that mailbox): an unconfirmed
    request may have been typed by anyone. One query.
    """
    return (
        Registration.objects.filter(user__isnull=True, anonymised=False, email__in=_verified_addresses(user))
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
        positions = _waiting_positions([row.event_id for row in waiting])
        for row in waiting:
            row.waiting_position = positions.get(row.pk)
    upcoming = [row for row in rows if row.event.end >= now]
    past = [row for row in reversed(rows) if row.event.end < now]
    return {"upcoming": upcoming, "past": past}


def _waiting_positions(event_ids):
    positions, counters = {}, {}
    for pk, event_id in (
        Registration.objects.filter(event_id__in=event_ids, status=Status.WAITING)
        .order_by("event_id", "queued_at", "pk")
        .values_list("pk", "event_id")
    ):
        counters[event_id] = counters.get(event_id, 0) + 1
        positions[pk] = counters[event_id]
    return positions


def events_for_organisation(organisation, now=None, upcoming_count=10, recent_count=5):
    """Live events an organisation organises: coming ones (soonest first) and recent past ones. Three queries."""
    now = now or timezone.now()
    events = EventPage.objects.live().public().filter(organising_organisation=organisation).select_related("municipality")
    return {
        "upcoming": list(events.filter(end__gte=now).order_by("start", "pk")[:upcoming_count]),
        "recent": list(events.filter(end__lt=now).order_by("-start", "-pk")[:recent_count]),
    }


# -- personal data (AVG) -------------------------------------------------------------------------


def personal_data(user):
    claim_guest_registrations(user)
    return [
        {
            "event": registration.event.title,
            "start": registration.event.start.isoformat(),
            "status": registration.get_status_display(),
            "name": registration.name,
            "email": registration.email,
            "table": registration.table.topic if registration.table else None,
            "organisation": registration.organisation_name,
            "note": registration.note,
            "registered": registration.created.isoformat(),
            "checked_in": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
        }
        for registration in Registration.objects.filter(user=user).select_related("event", "table").order_by("pk")
    ]


def erase_for_user(user, now=None):
    """Before an account is deleted: cancel coming registrations (freeing seats) and anonymise the rest."""
    now = now or timezone.now()
    claim_guest_registrations(user)
    for registration in Registration.objects.filter(user=user, event__start__gt=now).active().select_related("event"):
        cancel(registration, now=now, notify=False)
    _anonymise(Registration.objects.filter(user=user))
    # Unconfirmed requests with the person's address hold it too; they never took a seat.
    Registration.objects.filter(user__isnull=True, status=Status.PENDING, email__in=_verified_addresses(user)).delete()


def _anonymise(queryset):
    """Erase who it was. The series key and the moments of registering and arriving would still link one person's
    rows across meetings, so the key goes and every moment becomes the event's start; the counts only need to
    know whether someone came (checked_in_at set), their status, table and kind of organisation."""
    event_start = Subquery(EventPage.objects.filter(pk=OuterRef("event_id")).values("start")[:1])
    return queryset.update(
        name="", email="", note="", organisation_name="", user=None, organisation=None, anonymised=True,
        series_key=None, created=event_start, confirmed_at=None, queued_at=None, cancelled_at=None,
        reminder_sent_at=None, checked_in_at=Case(When(checked_in_at__isnull=False, then=event_start), default=None),
    )


def purge_personal_data(now=None):
    """Erase names, addresses and notes of registrations for events that ended longer ago than the retention
    period; the rows stay for the anonymous counts. Unconfirmed requests that expired are deleted.
    Returns (anonymised, deleted)."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS)
    anonymised = _anonymise(Registration.objects.filter(event__end__lt=cutoff, anonymised=False))
    expired_before = now - datetime.timedelta(hours=confirmation_hours())
    deleted, _detail = Registration.objects.filter(status=Status.PENDING, created__lt=expired_before).delete()
    return anonymised, deleted


# -- emails and reminders ------------------------------------------------------------------------


def send_after_commit(registration_ids, kind, each=False):
    from .emails import send_registration_email

    if not registration_ids:
        return
    # Robust: a mail server that is down must not turn a registration that was saved into an error page.
    if each:
        for pk in registration_ids:
            transaction.on_commit(lambda pk=pk: send_registration_email.enqueue([pk], kind), robust=True)
    else:
        ids = list(registration_ids)
        transaction.on_commit(lambda: send_registration_email.enqueue(ids, kind), robust=True)


def send_reminders(now=None):
    """Email confirmed attendees of events starting within each event's reminder time; never twice."""
    now = now or timezone.now()
    due = [
        pk
        for pk, start, hours in EventPage.objects.live()
        .filter(start__gt=now, reminder_hours__gt=0)
        .values_list("pk", "start", "reminder_hours")
        if start <= now + datetime.timedelta(hours=hours)
    ]
    sent = 0
    candidates = Registration.objects.filter(
        event_id__in=due, status=Status.CONFIRMED, reminder_sent_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        # Claiming the row first means a second run (or a parallel one) finds nothing to send.
        claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True, status=Status.CONFIRMED).update(
            reminder_sent_at=now
        )
        if claimed:
            send_after_commit([pk], "reminder")
            sent += 1
    return sent

