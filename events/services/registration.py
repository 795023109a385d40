"""Registering for a meeting or for a whole series: a member in one step, a visitor pending until they confirm."""

import uuid
from dataclasses import dataclass, replace

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.registrations import Registration
from .errors import RegistrationError
from .locking import lock_event, seat_decision
from .notifications import again_kind, first_email_kind, may_send, send_after_commit
from .waiting_list import place
from .windows import is_expired, registration_problem, series_meetings_open, series_registration_problem

Status = Registration.Status


@dataclass
class RegistrationRequest:
    """Who registers and what they filled in. A member (user) registers with their account's name and
    address; a visitor gives a name and an address and, instead of a member's organisation, its name and kind."""

    user: object = None
    name: str = ""
    email: str = ""
    table: object = None
    organisation: object = None
    organisation_name: str = ""
    organisation_kind: str = ""
    note: str = ""

    def __post_init__(self):
        if self.user is not None and not self.user.is_authenticated:
            self.user = None

    @classmethod
    def from_form(cls, user, data):
        """From a RegistrationForm's cleaned data; a member's answers about a visitor's details are ignored."""
        common = {"table": data.get("table"), "note": data.get("note", ""), "organisation": data.get("organisation")}
        if user.is_authenticated:
            return cls(user=user, **common)
        return cls(
            name=data["name"],
            email=data["email"],
            organisation_name=data.get("organisation_name", ""),
            organisation_kind=data.get("organisation_kind", ""),
            **common,
        )

    @property
    def address(self):
        return self.user.email if self.user is not None else self.email

    def check(self):
        """The rules that hold whatever the event; raises RegistrationError."""
        if self.user is None and not self.name.strip():
            raise RegistrationError(_("Vul uw naam in."))
        if self.organisation is not None and (
            self.user is None or not self.organisation.memberships.filter(user=self.user).exists()
        ):
            raise RegistrationError(_("Kies een organisatie waar u lid van bent."))

    def fill(self, registration):
        """Copy the person's details onto a new registration."""
        if self.user is not None:
            registration.user = self.user
            registration.name = self.name or self.user.get_full_name()
            registration.email = self.user.email
        else:
            registration.name = self.name.strip()
            registration.email = self.email.strip().lower()
        if self.organisation is not None:
            registration.organisation = self.organisation
            registration.organisation_name = self.organisation.name
            registration.organisation_kind = self.organisation.kind
        else:
            registration.organisation_name = self.organisation_name.strip()
            registration.organisation_kind = self.organisation_kind or ""
        registration.note = self.note.strip()


def _request(person, fields):
    if person is not None and fields:
        raise TypeError("Pass a RegistrationRequest or its fields, not both.")
    return person if person is not None else RegistrationRequest(**fields)


def _existing(event, person):
    email = person.address
    condition = Q(email__iexact=email) if email else Q()
    if person.user is not None:
        condition |= Q(user=person.user)
    return Registration.objects.filter(event=event).active().filter(condition).first() if condition else None


def _check_table(event, table):
    has_tables = event.tables.exists()
    if table is not None and table.event_id != event.pk:
        raise RegistrationError(_("Kies een tafel van deze bijeenkomst."))
    if has_tables and table is None:
        raise RegistrationError(_("Kies aan welke dialoogtafel u wilt deelnemen."))
    if not has_tables and table is not None:
        raise RegistrationError(_("Deze bijeenkomst heeft geen dialoogtafels."))


def _register_locked(locked, person, now, series_key=None, keep_existing=False):
    """Returns (registration, created). With keep_existing, an active registration is returned, not refused.
    Caller holds the lock of the event (locked)."""
    existing = _existing(locked, person)
    if existing is not None:
        # A logged-in member outranks an unconfirmed request made with their address (perhaps by someone else).
        if existing.status == Status.PENDING and (
            is_expired(existing, now) or (person.user is not None and existing.user_id is None)
        ):
            existing.delete()
        elif person.user is None or keep_existing:
            # A visitor gets the same answer whether or not the address is registered; the rest goes by email.
            return existing, False
        else:
            raise RegistrationError(_("U bent al aangemeld voor deze bijeenkomst."))
    registration = Registration(event_id=locked.pk, table=person.table, series_key=series_key)
    person.fill(registration)
    if not registration.email:
        raise RegistrationError(_("Vul uw e-mailadres in."))
    if person.user is None:
        # A visitor's seat is taken only when they confirm through the emailed link.
        registration.status = Status.PENDING
    else:
        place(registration, locked, now)
    registration.save()
    return registration, True


@seat_decision
def register(event, person=None, *, now=None, **fields):
    """Register a member (one step) or a visitor (pending until confirmed). Returns the registration.

    person is a RegistrationRequest; its fields may be given as keywords instead. Raises RegistrationError
    with a Dutch message when a rule stops it, EventBusy when the event stays locked too long; nothing is
    changed then.
    """
    person = _request(person, fields)
    now = now or timezone.now()
    person.check()
    locked = lock_event(event)
    event.capacity = locked.capacity
    if problem := registration_problem(event, now):
        raise RegistrationError(problem)
    series = event.series
    if series is not None and series.registers_as_series:
        raise RegistrationError(_("Voor deze reeks meldt u zich aan voor alle bijeenkomsten tegelijk."))
    _check_table(event, person.table)
    registration, new = _register_locked(locked, person, now)
    kind = first_email_kind(registration) if new else again_kind(registration)
    if may_send(registration, new, kind):
        send_after_commit([registration.pk], kind)
    return registration


@seat_decision
def register_for_series(series, person=None, *, now=None, **fields):
    """Register for every coming meeting of a series at once. Returns the registrations, first meeting first."""
    # A series registration is for whole meetings: a table is chosen per meeting, not here.
    person = replace(_request(person, fields), table=None)
    now = now or timezone.now()
    person.check()
    if problem := series_registration_problem(series, now):
        raise RegistrationError(problem)
    key = uuid.uuid4()
    registrations, created = [], []
    # Lock in id order so that two series registrations never wait on each other crosswise. Meetings the
    # person already holds are kept as they are: registering again adds meetings added or cancelled since.
    for meeting in sorted(series_meetings_open(series, now), key=lambda m: m.pk):
        registration, new = _register_locked(lock_event(meeting), person, now, series_key=key, keep_existing=True)
        registrations.append(registration)
        if new:
            created.append(registration)
    registrations.sort(key=lambda r: r.event.start)
    pending = [r for r in registrations if r.status == Status.PENDING]
    if created:
        may_send(created[0], new=True)
        send_after_commit([r.pk for r in created], "confirm_request" if person.user is None else "series")
    elif pending and person.user is None:
        if may_send(pending[0], new=False):
            send_after_commit([r.pk for r in pending if r.series_key == pending[0].series_key], "confirm_request")
    elif person.user is None:
        # Registered for all of it already: the visitor hears it by email, not from the form.
        if may_send(registrations[0], new=False, kind="already"):
            send_after_commit([r.pk for r in registrations], "already")
    else:
        raise RegistrationError(_("U bent al aangemeld voor alle komende bijeenkomsten van deze reeks."))
    return registrations


def registered_together(registration):
    """The registration and, for a series registration, the others made with it that are still active."""
    if registration.series_key is None:
        return [registration]
    return list(
        Registration.objects.filter(series_key=registration.series_key).active().select_related("event").order_by("pk")
    )
