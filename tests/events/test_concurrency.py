"""Overbooking is impossible: many people registering at the same moment, each in their own thread and
database connection. Runs on PostgreSQL (CI), where the row lock does the work."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connections

from events import services
from events.models import Registration

from .factories import EventPageFactory, agenda

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def home():
    # Real transactions: the database is flushed after each test, taking the page tree with it.
    from home.demo import home_page

    return home_page()
Status = Registration.Status
PEOPLE = 120


def make_people(count):
    User = get_user_model()
    User.objects.bulk_create([User(email=f"gelijktijdig{n}@voorbeeld.nl", first_name=f"Persoon {n}") for n in range(count)])
    return list(User.objects.filter(email__startswith="gelijktijdig").order_by("pk"))


def all_at_once(people, register):
    """Start every registration at the same moment; return the errors raised."""
    barrier = threading.Barrier(len(people))
    errors = []

    def work(person):
        try:
            barrier.wait()
            register(person)
        except Exception as error:  # noqa: BLE001 - every failure is reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def assert_waiting_list_in_order(event, expected):
    waiting = list(Registration.objects.filter(event=event).waiting().values_list("pk", "queued_at"))
    assert len(waiting) == expected
    # The list follows the order in which registrations got the lock: ids and times rise together.
    assert [pk for pk, _t in waiting] == sorted(pk for pk, _t in waiting)
    times = [moment for _pk, moment in waiting]
    assert times == sorted(times)


def test_many_simultaneous_registrations_never_overbook_an_event(home):
    agenda()
    event = EventPageFactory(title="Drukbezochte bijeenkomst", capacity=20)
    people = make_people(PEOPLE)
    mail.outbox.clear()

    errors = all_at_once(people, lambda person: services.register(event, user=person))

    assert errors == []
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 20
    assert Registration.objects.filter(event=event, status=Status.WAITING).count() == PEOPLE - 20
    assert_waiting_list_in_order(event, PEOPLE - 20)
    # Everyone got exactly one email, and the right one.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert sum("aangemeld" in m.subject for m in mail.outbox) == 20


def test_many_simultaneous_registrations_never_overbook_a_table(home):
    agenda()
    event = EventPageFactory(title="Dialoogtafels", capacity=200, tables=[("Noodhulp", 8), ("Privacy", 8)])
    table = event.tables.order_by("sort_order").first()
    people = make_people(PEOPLE)

    errors = all_at_once(people, lambda person: services.register(event, user=person, table=table))

    assert errors == []
    assert Registration.objects.filter(event=event, table=table, status=Status.CONFIRMED).count() == 8
    assert Registration.objects.filter(event=event, table=table, status=Status.WAITING).count() == PEOPLE - 8
    assert_waiting_list_in_order(event, PEOPLE - 8)


def test_simultaneous_cancellations_promote_each_waiting_person_once(home):
    agenda()
    event = EventPageFactory(title="Vol", capacity=20)
    people = make_people(60)
    for person in people:
        services.register(event, user=person)
    confirmed = list(Registration.objects.filter(event=event, status=Status.CONFIRMED).order_by("pk"))
    first_waiting = list(Registration.objects.filter(event=event).waiting().values_list("pk", flat=True)[:10])

    errors = all_at_once(confirmed[:10], lambda registration: services.cancel(registration))

    assert errors == []
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 20
    promoted = set(Registration.objects.filter(event=event, pk__in=first_waiting).values_list("status", flat=True))
    assert promoted == {Status.CONFIRMED}
    assert Registration.objects.filter(event=event, status=Status.WAITING).count() == 30
