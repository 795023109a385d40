"""Overbooking is impossible and nobody gets a server error: many people registering, confirming and
cancelling at the same moment, each in their own thread and database connection.

Runs on SQLite (a database file, configured as the settings configure it for a threaded server:
immediate transactions, a busy timeout, WAL) and on PostgreSQL (row locks), both through the
services and through the real views with parallel HTTP requests against a live server."""

import http.client
import re
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.handlers import StaticFilesHandler as _StaticFilesHandler
from django.core import mail
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections, transaction
from django.test.testcases import LiveServerThread

from events import services
from events.models import Registration

from .factories import EventPageFactory, agenda

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status
PEOPLE = 120
VISITORS = 50


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """The page tree, the agenda and the people, made once for the module: each test adds its own event and
    looks only at that event's registrations. Afterwards the database is emptied, as after any real-transaction
    test."""
    from home.demo import home_page

    with django_db_blocker.unblock():
        home_page()
        agenda()
        User = get_user_model()
        User.objects.bulk_create(
            [User(email=f"gelijktijdig{n}@voorbeeld.nl", first_name=f"Persoon {n}") for n in range(PEOPLE)]
        )
        yield list(User.objects.filter(email__startswith="gelijktijdig").order_by("pk"))
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def _django_db_helper(django_db_setup, django_db_blocker):
    """Replaces pytest-django's per-test flush for this module: the live server and the threads see committed data,
    and the module's shared data stays between its tests (see `shared`)."""
    with django_db_blocker.unblock():
        yield


def make_people(people, count):
    return people[:count]


def all_at_once(items, work):
    """Start work(item) for every item at the same moment, each in its own thread; return the errors raised."""
    barrier = threading.Barrier(len(items))
    errors = []
    results = [None] * len(items)

    def run(index, item):
        try:
            barrier.wait()
            results[index] = work(item)
        except Exception as error:  # noqa: BLE001 - every failure is reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, item)) for i, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, results


def full_event(title, capacity, people, first):
    """An event with the `people` registered: the seat holders and the first `first` on the waiting list."""
    event = EventPageFactory(title=title, capacity=capacity)
    for person in people:
        services.register(event, user=person)
    holders = list(Registration.objects.filter(event=event, status=Status.CONFIRMED).order_by("pk"))
    first_waiting = list(Registration.objects.filter(event=event).waiting().values_list("pk", flat=True)[:first])
    return event, holders, first_waiting


def assert_waiting_list_in_order(event, expected, created_in_order=True):
    waiting = list(Registration.objects.filter(event=event).waiting().values_list("pk", "queued_at"))
    assert len(waiting) == expected
    if created_in_order:
        # The list follows the order in which registrations got the lock: ids and times rise together.
        assert [pk for pk, _t in waiting] == sorted(pk for pk, _t in waiting)
    times = [moment for _pk, moment in waiting]
    assert times == sorted(times)


def confirmed(event, **filters):
    return Registration.objects.filter(event=event, status=Status.CONFIRMED, **filters).count()


def waiting(event):
    return Registration.objects.filter(event=event, status=Status.WAITING).count()


# -- through the services, one thread per person -------------------------------------------------------------


def test_many_simultaneous_registrations_never_overbook_an_event(shared):
    event = EventPageFactory(title="Drukbezochte bijeenkomst", capacity=20)
    people = make_people(shared, PEOPLE)
    mail.outbox.clear()

    errors, _results = all_at_once(people, lambda person: services.register(event, user=person))

    assert errors == []
    assert confirmed(event) == 20
    assert waiting(event) == PEOPLE - 20
    assert_waiting_list_in_order(event, PEOPLE - 20)
    # Everyone got exactly one email, and the right one.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert sum("aangemeld" in m.subject for m in mail.outbox) == 20


def test_many_simultaneous_registrations_never_overbook_a_table(shared):
    event = EventPageFactory(title="Dialoogtafels", capacity=200, tables=[("Noodhulp", 8), ("Privacy", 8)])
    table = event.tables.order_by("sort_order").first()
    people = make_people(shared, PEOPLE)

    errors, _results = all_at_once(people, lambda person: services.register(event, user=person, table=table))

    assert errors == []
    assert confirmed(event, table=table) == 8
    assert Registration.objects.filter(event=event, table=table, status=Status.WAITING).count() == PEOPLE - 8
    assert_waiting_list_in_order(event, PEOPLE - 8)


def test_simultaneous_confirmations_by_visitors_never_overbook(shared):
    event = EventPageFactory(title="Gastenavond", capacity=15)
    pending = [services.register(event, name=f"Gast {n}", email=f"gast{n}@voorbeeld.nl") for n in range(VISITORS)]

    errors, _results = all_at_once(pending, lambda registration: services.confirm(registration))

    assert errors == []
    assert confirmed(event) == 15
    assert waiting(event) == VISITORS - 15
    # Confirmed in a different order than registered: the list follows the confirmations.
    assert_waiting_list_in_order(event, VISITORS - 15, created_in_order=False)


def test_simultaneous_cancellations_promote_each_waiting_person_once(shared):
    event, holders, first_waiting = full_event("Vol", capacity=20, people=make_people(shared, 60), first=10)

    errors, _results = all_at_once(holders[:10], lambda registration: services.cancel(registration))

    assert errors == []
    assert confirmed(event) == 20
    promoted = set(Registration.objects.filter(event=event, pk__in=first_waiting).values_list("status", flat=True))
    assert promoted == {Status.CONFIRMED}
    assert waiting(event) == 30


def test_promotion_racing_with_registrations_and_more_seats_never_overbooks(shared):
    event = EventPageFactory(title="Uitbreiding", capacity=10)
    people = make_people(shared, 40)
    for person in people[:20]:
        services.register(event, user=person)
    # Editors raise the capacity, the promotion command runs and newcomers register, all at once.
    work = [("capacity", 25), ("promote", None), ("promote", None)] + [("register", person) for person in people[20:]]

    def act(item):
        kind, value = item
        if kind == "capacity":
            return services.set_capacity(event, value)
        if kind == "promote":
            return services.promote_waiting_list(event)
        return services.register(event, user=value)

    errors, _results = all_at_once(work, act)

    assert errors == []
    assert confirmed(event) == 25
    assert waiting(event) == 15
    assert_waiting_list_in_order(event, 15)


# -- through the real views, parallel HTTP requests against a live server ----------------------------------


class WideServerThread(LiveServerThread):
    """Django's threaded live server, with a listen queue as long as a production server's (the default
    of 10 makes the kernel reset the rest of fifty simultaneous connections before Django sees them)."""

    class server_class(ThreadedWSGIServer):
        request_queue_size = 128


@pytest.fixture
def wide_server(transactional_db):
    server = WideServerThread("127.0.0.1", _StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    server.url = f"http://127.0.0.1:{server.port}"
    yield server
    server.terminate()


class Visitor:
    """One browser without JavaScript: its own cookies, a CSRF token from the form, redirects not followed."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    def request(self, method, path, data=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode()
        finally:
            conn.close()
        self.headers = response.headers
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _eq, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def submit(self, path, data):
        """GET the form, then POST it with the form's CSRF token, as a browser would."""
        status, page = self.request("GET", path)
        assert status == 200, f"GET {path} gave {status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **data})


def in_parallel(server, jobs):
    """jobs: (path, data) pairs; every POST starts at the same moment. Returns the status codes."""
    visitors = [Visitor(server.url) for _job in jobs]
    forms = []
    for visitor, (path, _data) in zip(visitors, jobs, strict=True):
        status, page = visitor.request("GET", path)
        assert status == 200, f"GET {path} gave {status}"
        forms.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    errors, results = all_at_once(
        list(zip(visitors, jobs, forms, strict=True)),
        lambda item: item[0].request("POST", item[1][0], {"csrfmiddlewaretoken": item[2], **item[1][1]})[0],
    )
    assert errors == []
    return results


@pytest.fixture
def no_rate_limits(settings):
    # Fifty people behind one address (a live server sees them all as 127.0.0.1) must not be refused here.
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False


def test_fifty_visitors_registering_and_confirming_at_once_get_no_server_error_and_no_overbooking(
    shared, wide_server, no_rate_limits
):
    event = EventPageFactory(title="Drukke avond", capacity=12)
    path = event.url + "aanmelden/"

    statuses = in_parallel(
        wide_server, [(path, {"name": f"Gast {n}", "email": f"gast{n}@voorbeeld.nl"}) for n in range(VISITORS)]
    )

    assert statuses == [302] * VISITORS
    pending = list(Registration.objects.filter(event=event, status=Status.PENDING).order_by("pk"))
    assert len(pending) == VISITORS
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"gast{n}@voorbeeld.nl" for n in range(VISITORS))

    statuses = in_parallel(
        wide_server,
        [(f"/aanmelding/bevestigen/{services.confirm_token(registration)}/", {}) for registration in pending],
    )

    assert statuses == [302] * VISITORS
    assert confirmed(event) == 12
    assert waiting(event) == VISITORS - 12
    assert_waiting_list_in_order(event, VISITORS - 12, created_in_order=False)


def test_simultaneous_cancellations_through_the_site_promote_the_waiting_list(shared, wide_server, no_rate_limits):
    event, holders, first_waiting = full_event("Volle zaal", capacity=10, people=make_people(shared, 30), first=8)

    statuses = in_parallel(
        wide_server,
        [(f"/aanmelding/afmelden/{services.cancel_token(registration)}/", {}) for registration in holders[:8]],
    )

    assert statuses == [302] * 8
    assert confirmed(event) == 10
    assert set(Registration.objects.filter(pk__in=first_waiting).values_list("status", flat=True)) == {Status.CONFIRMED}
    assert waiting(event) == 12


# -- a lock held too long ----------------------------------------------------------------------------------


def hold_event_lock(event, locked, release):
    """In another connection: take the event's lock (SQLite: the database's write lock) and keep it."""
    try:
        with transaction.atomic():
            services.lock_event(event)
            Registration.objects.filter(event=event).update(note="")  # SQLite: now surely the writer
            locked.set()
            release.wait(30)
    finally:
        connections.close_all()


@pytest.fixture
def event_locked_elsewhere():
    """Holds an event's lock in another thread and connection until the test ends."""
    locked, release, holders = threading.Event(), threading.Event(), []

    def hold(event):
        holder = threading.Thread(target=hold_event_lock, args=(event, locked, release))
        holder.start()
        holders.append(holder)
        assert locked.wait(10)

    yield hold
    release.set()
    for holder in holders:
        holder.join()


@pytest.fixture
def short_lock_timeout(settings):
    """Wait one second for the event's lock (PostgreSQL: EVENTS_LOCK_TIMEOUT; SQLite: new connections' busy
    timeout, the live server's too) instead of the test settings' two minutes."""
    settings.EVENTS_LOCK_TIMEOUT = 1
    options = connection.settings_dict["OPTIONS"]
    saved = dict(options)
    if connection.vendor == "sqlite":
        options["timeout"] = 1
    connections.close_all()
    yield
    options.clear()
    options.update(saved)
    connections.close_all()


def test_a_lock_held_too_long_gives_a_clear_dutch_answer_not_a_server_error(
    shared, wide_server, no_rate_limits, request, event_locked_elsewhere
):
    event = EventPageFactory(title="Vastgelopen", capacity=5)
    visitor = Visitor(wide_server.url)
    status, page = visitor.request("GET", event.url + "aanmelden/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    request.getfixturevalue("short_lock_timeout")
    event_locked_elsewhere(event)
    started = time.monotonic()
    status, page = visitor.request(
        "POST", event.url + "aanmelden/", {"csrfmiddlewaretoken": token, "name": "Gast", "email": "gast@voorbeeld.nl"}
    )
    assert status == 503
    assert visitor.headers["Retry-After"] == "5"
    assert "Het is nu erg druk; probeer het over een ogenblik opnieuw. Er is niets veranderd." in page
    # The form comes back as filled in, so sending it again is one click.
    assert 'value="gast@voorbeeld.nl"' in page
    assert time.monotonic() - started < 15
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.postgres
def test_seat_decisions_give_up_after_the_lock_timeout_and_change_nothing(shared, settings, event_locked_elsewhere):
    settings.EVENTS_LOCK_TIMEOUT = 1
    event = EventPageFactory(title="Vergrendeld", capacity=1)
    holder, waiting_person, newcomer = make_people(shared, 3)
    seat = services.register(event, user=holder)
    waits = services.register(event, user=waiting_person)
    event_locked_elsewhere(event)

    attempts = {
        "register": lambda: services.register(event, user=newcomer),
        "cancel": lambda: services.cancel(seat),
        "capacity": lambda: services.set_capacity(event, 5),
        "promote": lambda: services.promote_waiting_list(event),
    }
    for name, attempt in attempts.items():
        started = time.monotonic()
        with pytest.raises(services.EventBusy):
            attempt()
        assert 0.9 < time.monotonic() - started < 10, name

    assert list(Registration.objects.filter(event=event).order_by("pk").values_list("pk", "status")) == [
        (seat.pk, Status.CONFIRMED),
        (waits.pk, Status.WAITING),
    ]
    event.refresh_from_db()
    assert event.capacity == 1
    # The other connections' own lock_timeout is untouched: the limit held only inside those transactions.
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "2min"
