"""Reminders from cron (once only) and the erasure of personal data after the retention period."""

import datetime
import io
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import Registration
from members.services import erase_account, personal_data

from .conftest import people
from .factories import EventPageFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_reminder_is_sent_once_within_the_events_reminder_time(index):
    soon = EventPageFactory(title="Morgen", start=timezone.now() + datetime.timedelta(hours=30))
    later = EventPageFactory(title="Over een week", start=in_days(7))
    early = EventPageFactory(title="Vroege herinnering", start=in_days(4), reminder_hours=120)
    silent = EventPageFactory(
        title="Geen herinnering", start=timezone.now() + datetime.timedelta(hours=5), reminder_hours=0
    )
    confirmed = [services.register(event, user=people(1, f"p{event.pk}-")[0]) for event in (soon, later, early, silent)]
    waiting_person = RegistrationFactory(event=soon, status=Status.WAITING)
    mail.outbox.clear()

    assert "Herinneringen verstuurd: 2." in run("send_event_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed[0].email, confirmed[2].email])
    reminder = next(m for m in mail.outbox if m.to == [confirmed[0].email])
    assert reminder.subject.endswith("Herinnering: Morgen")
    assert Calendar.from_ical(reminder.attachments[0][1]).walk("VEVENT")[0]["SUMMARY"] == "Morgen"
    assert waiting_person.email not in [m.to[0] for m in mail.outbox]

    mail.outbox.clear()
    assert "Herinneringen verstuurd: 0." in run("send_event_reminders")
    assert mail.outbox == []


def test_purge_erases_personal_data_after_the_retention_period_and_keeps_counts(index, settings, member):
    settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS = 12
    old = EventPageFactory(start=in_days(-400), end=in_days(-400) + datetime.timedelta(hours=2))
    recent = EventPageFactory(start=in_days(-300), end=in_days(-300) + datetime.timedelta(hours=2))
    older = EventPageFactory(start=in_days(-430), end=in_days(-430) + datetime.timedelta(hours=2))
    series_key = uuid.uuid4()
    RegistrationFactory(
        event=old,
        user=member,
        organisation_kind="formeel",
        note="Dieet",
        series_key=series_key,
        checked_in_at=old.start + datetime.timedelta(minutes=7),
        confirmed_at=in_days(-420),
        reminder_sent_at=in_days(-402),
    )
    RegistrationFactory(event=older, user=member, series_key=series_key, confirmed_at=in_days(-420))
    RegistrationFactory(event=old, organisation_kind="informeel", status=Status.CANCELLED, cancelled_at=in_days(-410))
    RegistrationFactory(event=recent, name="Blijft nog", note="Nog nodig")
    before = services.attendance_counts(old)

    output = run("purge_personal_data")

    assert "geanonimiseerd: 3" in output
    erased = Registration.objects.filter(event__in=[old, older])
    assert set(erased.values_list("name", "email", "note", "organisation_name")) == {("", "", "", "")}
    assert not erased.filter(user__isnull=False).exists()
    # Nothing links the erased rows of one person any more: no shared key, no moments of their own.
    assert set(erased.values_list("series_key", "confirmed_at", "cancelled_at", "reminder_sent_at")) == {
        (None, None, None, None)
    }
    assert {(row.created, row.checked_in_at) for row in erased.filter(event=old)} == {
        (old.start, old.start),
        (old.start, None),
    }
    assert services.attendance_counts(old) == before
    assert Registration.objects.get(event=recent).name == "Blijft nog"
    assert "geanonimiseerd: 0" in run("purge_personal_data")


def test_command_output_uses_the_singular_for_one_month(index, settings):
    settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS = 1
    assert "ouder dan 1 maand na de bijeenkomst" in run("purge_personal_data")


def test_purge_deletes_expired_unconfirmed_requests(event, settings):
    services.register(event, name="Vergeten", email="vergeten@voorbeeld.nl")
    Registration.objects.update(
        created=timezone.now() - datetime.timedelta(hours=settings.EVENTS_CONFIRMATION_HOURS + 1)
    )
    services.register(event, name="Net", email="net@voorbeeld.nl")
    assert "verwijderd: 1" in run("purge_personal_data")
    assert list(Registration.objects.values_list("name", flat=True)) == ["Net"]


def test_personal_data_export_includes_registrations(event, member):
    services.register(event, user=member, note="Halal")
    data = personal_data(member)
    (row,) = data["event_registrations"]
    assert row["event"] == event.title and row["note"] == "Halal" and row["status"] == "aangemeld"


def test_deleting_an_account_frees_coming_seats_and_anonymises_the_past(index, member):
    coming = EventPageFactory(capacity=1)
    past = EventPageFactory(start=in_days(-20), end=in_days(-20) + datetime.timedelta(hours=1))
    services.register(coming, user=member)
    waiting = services.register(coming, user=people(1, "wacht")[0])
    RegistrationFactory(event=past, user=member, name="Sanne", email=member.email)
    mail.outbox.clear()

    erase_account(member)

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]  # the promoted person; the deleted one gets nothing
    assert not Registration.objects.filter(email=member.email).exists()
    assert Registration.objects.get(event=past).anonymised
