"""The registration rules in events.services, as views, admin and commands use them."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import DialogueTable, Registration
from events.services import RegistrationError

from .conftest import people
from .factories import EventPageFactory, EventSeriesPageFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def statuses(event):
    return list(Registration.objects.filter(event=event).order_by("pk").values_list("status", flat=True))


def test_member_registers_in_one_step_and_gets_a_dutch_confirmation_with_the_calendar_file(event, member):
    registration = services.register(event, user=member, note="Vegetarisch")
    assert registration.status == Status.CONFIRMED
    assert registration.email == member.email
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "U bent aangemeld" in message.subject
    assert "Afmelden" in message.body or "Meld u dan af" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    assert Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == event.title


def test_full_event_puts_people_on_the_waiting_list_in_order(event):
    members = people(5)
    results = [services.register(event, user=person).status for person in members]
    assert results == [Status.CONFIRMED] * 3 + [Status.WAITING] * 2
    waiting = list(Registration.objects.filter(event=event).waiting().values_list("user__email", flat=True))
    assert waiting == [members[3].email, members[4].email]
    assert "wachtlijst" in mail.outbox[-1].subject


def test_cancelling_promotes_the_first_on_the_waiting_list_and_emails_them(event):
    members = people(5)
    registrations = [services.register(event, user=person) for person in members]
    mail.outbox.clear()
    services.cancel(registrations[1])
    registrations[3].refresh_from_db()
    registrations[4].refresh_from_db()
    assert registrations[3].status == Status.CONFIRMED
    assert registrations[4].status == Status.WAITING
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert [to for to, _s in subjects] == sorted([members[1].email, members[3].email])
    promoted = next(m for m in mail.outbox if m.to == [members[3].email])
    assert "plaats vrij" in promoted.subject
    assert promoted.attachments, "the promoted attendee gets the calendar file"


def test_cancelling_a_waiting_list_place_promotes_nobody(event):
    registrations = [services.register(event, user=person) for person in people(5)]
    services.cancel(registrations[3])
    assert statuses(event) == [Status.CONFIRMED] * 3 + [Status.CANCELLED, Status.WAITING]


def test_registering_twice_is_refused_and_changes_nothing(event, member):
    services.register(event, user=member)
    with pytest.raises(RegistrationError, match="al aangemeld"):
        services.register(event, user=member)
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_opens": in_days(2)}, "Aanmelden kan vanaf"),
        ({"registration_closes": in_days(-1)}, "gesloten"),
        ({"start": in_days(-1), "end": in_days(1)}, "al begonnen"),
    ],
)
def test_registration_is_impossible_before_opening_after_closing_or_after_start(index, member, fields, message):
    event = EventPageFactory(**fields)
    with pytest.raises(RegistrationError, match=message):
        services.register(event, user=member)
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_event_with_tables_requires_a_table_of_its_own(table_event, event, member):
    with pytest.raises(RegistrationError, match="dialoogtafel"):
        services.register(table_event, user=member)
    with pytest.raises(RegistrationError, match="tafel van deze bijeenkomst"):
        services.register(event, user=member, table=table_event.tables.first())
    assert not Registration.objects.exists()


def test_each_table_has_its_own_capacity_and_waiting_list(table_event):
    first, second = table_event.tables.order_by("sort_order")
    members = people(4)
    results = [services.register(table_event, user=person, table=first).status for person in members[:3]]
    assert results == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]
    # The other table still has room although someone waits for the first.
    assert services.register(table_event, user=members[3], table=second).status == Status.CONFIRMED


def test_promotion_skips_someone_whose_table_is_still_full(table_event):
    first, second = table_event.tables.order_by("sort_order")
    table_event.capacity = 4
    table_event.save()
    members = people(6)
    at_first = [services.register(table_event, user=p, table=first) for p in members[:2]]
    at_second = [services.register(table_event, user=p, table=second) for p in members[2:4]]
    waits_first = services.register(table_event, user=members[4], table=first)
    waits_second = services.register(table_event, user=members[5], table=second)
    assert waits_first.status == waits_second.status == Status.WAITING
    services.cancel(at_second[0])
    waits_first.refresh_from_db()
    waits_second.refresh_from_db()
    assert waits_first.status == Status.WAITING
    assert waits_second.status == Status.CONFIRMED
    assert at_first[0].status == Status.CONFIRMED


def test_visitor_takes_a_seat_only_after_confirming_by_email(event):
    registration = services.register(event, name="Fatima", email="Fatima@Voorbeeld.nl")
    assert registration.status == Status.PENDING
    assert registration.email == "fatima@voorbeeld.nl"
    assert services.free_seats(event) == 3
    (message,) = mail.outbox
    assert "Bevestig" in message.subject
    assert services.confirm_token(registration) in message.body
    assert not message.attachments
    services.confirm(registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert services.free_seats(event) == 2
    assert len(mail.outbox) == 2 and "U bent aangemeld" in mail.outbox[1].subject


def test_visitor_asking_twice_gets_the_same_pending_request(event):
    first = services.register(event, name="Fatima", email="fatima@voorbeeld.nl")
    again = services.register(event, name="Fatima", email="fatima@voorbeeld.nl")
    assert first.pk == again.pk
    assert Registration.objects.count() == 1


def test_unconfirmed_requests_expire(event, settings):
    registration = services.register(event, name="Fatima", email="fatima@voorbeeld.nl")
    later = timezone.now() + datetime.timedelta(hours=settings.EVENTS_CONFIRMATION_HOURS + 1)
    with pytest.raises(RegistrationError, match="verlopen"):
        services.confirm(registration, now=later)
    assert not Registration.objects.exists()
    # And a new request is possible.
    assert services.register(event, name="Fatima", email="fatima@voorbeeld.nl", now=later).status == Status.PENDING


def test_visitor_needs_a_name(event):
    with pytest.raises(RegistrationError, match="naam"):
        services.register(event, name=" ", email="x@voorbeeld.nl")
    assert not Registration.objects.exists()


def test_more_seats_set_by_an_editor_promote_from_the_waiting_list(event):
    registrations = [services.register(event, user=person) for person in people(5)]
    mail.outbox.clear()
    promoted = services.set_capacity(event, 4)
    assert [r.pk for r in promoted] == [registrations[3].pk]
    assert statuses(event) == [Status.CONFIRMED] * 4 + [Status.WAITING]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [registrations[3].email]


def test_publishing_a_page_with_more_seats_promotes_from_the_waiting_list(event):
    [services.register(event, user=person) for person in people(5)]
    event.capacity = 5
    event.save_revision().publish()
    assert statuses(event) == [Status.CONFIRMED] * 5


def test_publishing_a_bigger_table_promotes_its_waiting_list(table_event):
    first = table_event.tables.order_by("sort_order").first()
    [services.register(table_event, user=person, table=first) for person in people(3)]
    page = table_event.get_latest_revision_as_object()
    tables = list(page.tables.all())
    next(t for t in tables if t.pk == first.pk).capacity = 3
    page.tables = tables
    page.save_revision().publish()
    assert DialogueTable.objects.get(pk=first.pk).capacity == 3
    assert statuses(table_event) == [Status.CONFIRMED] * 3


def test_series_registration_covers_every_coming_meeting_and_cancels_as_a_whole(index, member):
    series = EventSeriesPageFactory(title="Ontmoetingen")
    past = EventPageFactory(parent=series, start=in_days(-7), end=in_days(-7) + datetime.timedelta(hours=2))
    meetings = [EventPageFactory(parent=series, start=in_days(d)) for d in (5, 30, 60)]
    with pytest.raises(RegistrationError, match="alle bijeenkomsten tegelijk"):
        services.register(meetings[0], user=member)
    registrations = services.register_for_series(series, user=member)
    assert [r.event_id for r in registrations] == [m.pk for m in meetings]
    assert not Registration.objects.filter(event=past).exists()
    assert len({r.series_key for r in registrations}) == 1
    (message,) = mail.outbox
    assert "Ontmoetingen" in message.subject
    assert len(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")) == 3
    services.cancel(registrations[1], whole_series=True)
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.CANCELLED}


def test_visitor_confirms_a_whole_series_with_one_link(index):
    series = EventSeriesPageFactory()
    meetings = [EventPageFactory(parent=series, start=in_days(d)) for d in (5, 30)]
    registrations = services.register_for_series(series, name="Joost", email="joost@voorbeeld.nl")
    assert len(mail.outbox) == 1
    services.confirm(registrations[0])
    assert list(Registration.objects.order_by("event__start").values_list("event", "status")) == [
        (meetings[0].pk, Status.CONFIRMED),
        (meetings[1].pk, Status.CONFIRMED),
    ]


def test_cancel_link_token_is_signed(event, member):
    registration = services.register(event, user=member)
    token = services.cancel_token(registration)
    assert services.registration_from_token(token, services.CANCEL_SALT) == registration
    assert services.registration_from_token(token + "x", services.CANCEL_SALT) is None
    assert services.registration_from_token(token, services.CONFIRM_SALT) is None


def test_a_member_can_only_come_for_their_own_organisation(event, member):
    from members.models import Organisation

    elsewhere = Organisation.objects.create(name="Andere stichting", slug="andere-stichting", kind="formeel")
    with pytest.raises(RegistrationError, match="organisatie waar u lid van bent"):
        services.register(event, user=member, organisation=elsewhere)
    assert not Registration.objects.exists()


def test_asking_again_resends_the_link_at_most_every_ten_minutes_and_never_by_the_senders_name(event):
    services.register(event, name="Koop nu goedkope pillen", email="fatima@voorbeeld.nl")
    services.register(event, name="Koop nu goedkope pillen", email="fatima@voorbeeld.nl")
    services.register(event, name="Koop nu goedkope pillen", email="fatima@voorbeeld.nl")
    assert len(mail.outbox) == 1
    assert "pillen" not in mail.outbox[0].body and "Beste deelnemer," in mail.outbox[0].body


def test_a_member_is_not_blocked_by_an_unconfirmed_request_made_with_their_address(event, member):
    services.register(event, name="Iemand anders", email=member.email)
    registration = services.register(event, user=member)
    assert registration.status == Status.CONFIRMED
    assert list(Registration.objects.values_list("user", flat=True)) == [member.pk]


def test_registering_for_a_series_again_adds_new_and_cancelled_meetings_only(index, member):
    series = EventSeriesPageFactory(title="Ontmoetingen")
    first, second = (EventPageFactory(parent=series, start=in_days(d)) for d in (5, 30))
    registrations = services.register_for_series(series, user=member)
    with pytest.raises(RegistrationError, match="alle komende bijeenkomsten"):
        services.register_for_series(series, user=member)
    services.cancel(registrations[1])
    added = EventPageFactory(parent=series, start=in_days(60))
    mail.outbox.clear()
    again = services.register_for_series(series, user=member)
    active = Registration.objects.filter(user=member).active()
    assert sorted(active.values_list("event", flat=True)) == sorted([first.pk, second.pk, added.pk])
    assert {r.event_id for r in again} == {first.pk, second.pk, added.pk}
    (message,) = mail.outbox
    assert len(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")) == 2  # only what is new


def test_series_registration_skips_meetings_whose_registration_is_not_open_yet(index, member):
    series = EventSeriesPageFactory()
    open_now = EventPageFactory(parent=series, start=in_days(5))
    later = EventPageFactory(parent=series, start=in_days(90), registration_opens=in_days(30))
    registrations = services.register_for_series(series, user=member)
    assert [r.event_id for r in registrations] == [open_now.pk]
    assert not Registration.objects.filter(event=later).exists()
