"""Two app servers on one PostgreSQL, as behind a load balancer: two gunicorn processes with the
production settings, started once per cache variant; each test sends one visitor's requests
alternately to both.

The shared state is what the settings give every server: the database, and the one cache (Redis when
REDIS_URL is set, the database cache otherwise). Every test runs with both caches; the Redis one is
skipped where Debian's redis-server is not installed (.ci/run installs it).
"""

import http.client
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from events.models import Registration
from home.models import ContentPage
from tests.conftest import with_totp
from tests.events.factories import EventPageFactory, agenda
from tests.factories import ContentPageFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord"
STARTUP_SECONDS = 90


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server stopped while starting:\n{Path(log).read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"server did not start within {STARTUP_SECONDS} s:\n{Path(log).read_text()}")


def stop(process):
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def database_url():
    db = connection.settings_dict  # the test database, which the servers must use too
    credentials = quote(db["USER"] or "", safe="") + (":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_environment(tmp):
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "kennisplatform.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SITE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1",
        # The test talks plain HTTP to the servers; a proxy would terminate TLS in front of them.
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "ELASTICSEARCH_URL": "",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="session")
def static_files(tmp_path_factory):
    """collectstatic once: the production settings serve hashed static files through WhiteNoise."""
    tmp = tmp_path_factory.mktemp("two-servers")
    environment = production_environment(tmp)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )
    return environment


@pytest.fixture(scope="module", params=["redis", "database"])
def shared_cache(request, tmp_path_factory, django_db_setup):
    """The environment that chooses the cache, and a function that empties it between tests."""
    if request.param == "database":
        environment = {"REDIS_URL": ""}

        def empty():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM kennisplatform_cache")

        yield environment, empty
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("Debian's redis-server is not installed (.ci/run installs it); the database cache variant runs")
    port = free_port()
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )

    def empty():
        redis.Redis(host="127.0.0.1", port=port).flushall()

    try:
        wait_for_port(port, process, log)
        yield {"REDIS_URL": f"redis://127.0.0.1:{port}/0"}, empty
    finally:
        stop(process)


@pytest.fixture(scope="module")
def server_pair(static_files, shared_cache, tmp_path_factory):
    """Two gunicorn servers on the same (test) database and cache, shared by the tests of one cache
    variant: starting them is the slow part. Each test gets an empty database and cache (`servers`)."""
    cache_environment, _empty = shared_cache
    environment = {**static_files, **cache_environment, "DATABASE_URL": database_url()}
    if not cache_environment["REDIS_URL"]:
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable"], cwd=settings.BASE_DIR, env=environment, check=True
        )
    tmp = tmp_path_factory.mktemp("gunicorn")
    processes, pair = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp / f"gunicorn-{name}.log"
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "kennisplatform.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--threads",
                    "4",
                    "--no-control-socket",
                    "--timeout",
                    "60",
                ],
                cwd=settings.BASE_DIR,
                env=environment,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
            processes.append(process)
            wait_for_port(port, process, log)
            pair.append(Server(port, log))
        yield pair
    finally:
        for process in processes:
            stop(process)


@pytest.fixture
def servers(server_pair, shared_cache):
    """The two servers, with the database emptied after the last test and the cache emptied now; fails
    the test on any error the servers logged while it ran."""
    from home.demo import home_page

    _environment, empty_cache = shared_cache
    empty_cache()
    home_page()  # the database is emptied after every test with real transactions
    logged_before = {server: server.log.stat().st_size for server in server_pair}
    yield server_pair
    for server in server_pair:
        with server.log.open() as log:
            log.seek(logged_before[server])
            lines = log.read().splitlines()
        errors = [line for line in lines if "Traceback" in line or " ERROR " in line]
        assert not errors, "\n".join(lines)


class Server:
    def __init__(self, port, log):
        self.port = port
        self.log = log

    def __repr__(self):
        return f"<server on port {self.port}>"


class Visitor:
    """One person's browser: the same cookies whichever server the load balancer picks."""

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, data=None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.headers, text

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post_form(self, server, path, data, form_from=None):
        """GET the form (from form_from, another server if given) for its CSRF token, then POST it."""
        status, _headers, text = self.get(form_from or server, path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        assert token, f"no form at {path} ({status})"
        return self.request(server, "POST", path, {"csrfmiddlewaretoken": token.group(1), **data})


def account(email, staff=False):
    # The servers know the production password hashers, not the test settings' fast MD5 one.
    user = UserFactory(email=email, is_staff=staff, is_superuser=staff)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


def log_in(visitor, server, email, form_from=None):
    status, headers, _text = visitor.post_form(
        server, "/account/login/", {"login": email, "password": PASSWORD}, form_from
    )
    assert status == 302, f"login refused ({status})"
    return headers["Location"]


def log_in_with_code(visitor, server, user, secret, code_to=None):
    """Password on `server`, then the authenticator's code (on `code_to`, if given)."""
    assert log_in(visitor, server, user.email).endswith("/account/2fa/authenticate/")
    code = format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))
    status, _headers, _text = visitor.post_form(
        code_to or server, "/account/2fa/authenticate/", {"code": code}, form_from=server
    )
    assert status == 302, f"code refused ({status})"


def test_a_login_on_one_server_is_valid_on_the_other_and_so_is_the_logout(servers):
    a, b = servers
    member = account("lid@voorbeeld.nl")
    visitor = Visitor()
    assert visitor.get(b, "/account/")[0] == 302  # not logged in yet
    log_in(visitor, a, member.email, form_from=b)
    status, _headers, text = visitor.get(b, "/account/")
    assert status == 200 and f"Welkom, {member.get_full_name()}." in text
    assert visitor.post_form(b, "/account/logout/", {})[0] == 302
    assert visitor.get(a, "/account/")[0] == 302


def test_the_second_login_step_may_go_to_the_other_server(servers):
    a, b = servers
    editor = account("beheerder@voorbeeld.nl", staff=True)
    secret = with_totp(editor)
    visitor = Visitor()
    log_in_with_code(visitor, a, editor, secret, code_to=b)
    assert visitor.get(a, "/admin/")[0] == 200


def test_rate_limits_count_the_requests_to_both_servers(servers):
    """The guest registration allows 5 attempts an hour per email address, wherever they land."""
    agenda()
    event = EventPageFactory(title="Dialoogtafel schulden", capacity=10)
    visitor = Visitor()
    path = event.url + "aanmelden/"
    attempt = {"email": "gast@voorbeeld.nl", "name": ""}  # incomplete: refused, but counted
    statuses = [visitor.post_form(servers[n % 2], path, attempt)[0] for n in range(6)]
    assert statuses == [400] * 5 + [429]
    status, _headers, text = visitor.post_form(servers[0], path, {**attempt, "name": "Gast"})
    assert status == 429 and "Te veel" in text
    assert not Registration.objects.exists()


def test_a_registration_on_one_server_takes_its_seat_on_the_other(servers):
    a, b = servers
    agenda()
    event = EventPageFactory(title="Inloop geldzorgen", capacity=1)
    first, second = Visitor(), Visitor()
    account("eerste@voorbeeld.nl")
    account("tweede@voorbeeld.nl")
    anonymous = Visitor()
    assert "Aanmelden</a>" in anonymous.get(b, event.url)[2]

    log_in(first, a, "eerste@voorbeeld.nl")
    assert first.post_form(a, event.url + "aanmelden/", {}, form_from=b)[0] == 302
    assert "Op de wachtlijst</a>" in anonymous.get(b, event.url)[2]  # the one seat is taken

    log_in(second, b, "tweede@voorbeeld.nl")
    assert second.post_form(b, event.url + "aanmelden/", {})[0] == 302
    assert "U staat op de wachtlijst." in second.get(a, event.url)[2]
    assert list(Registration.objects.filter(event=event).order_by("pk").values_list("email", "status")) == [
        ("eerste@voorbeeld.nl", Registration.Status.CONFIRMED),
        ("tweede@voorbeeld.nl", Registration.Status.WAITING),
    ]


def draft_change(title):
    from home.demo import home_page

    page = ContentPageFactory(parent=home_page(), title="Spreekuur oud", slug="spreekuur")
    page.title = title
    page.save_revision()  # a draft: the site still shows the old title
    return ContentPage.objects.get(pk=page.pk)


def test_a_publish_on_one_server_shows_on_both(servers):
    """Both servers serve the page (and cache it, where the page cache does) before an editor publishes
    a new version through one of them; then both show the new version."""
    a, b = servers
    page = draft_change("Spreekuur nieuw")
    anonymous = Visitor()
    for server in (a, b, a, b):
        assert "Spreekuur oud" in anonymous.get(server, page.url)[2]

    editor = account("redacteur@voorbeeld.nl", staff=True)
    secret = with_totp(editor)
    visitor = Visitor()
    log_in_with_code(visitor, a, editor, secret)
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    status, _headers, _text = visitor.post_form(b, publish, {}, form_from=a)
    assert status == 302

    for server in (a, b):
        text = anonymous.get(server, page.url)[2]
        assert "Spreekuur nieuw" in text and "Spreekuur oud" not in text


def test_an_anonymous_page_is_cached_once_for_both_servers(servers):
    """The page cache is shared: a page that server A cached is served by server B from the cache,
    even after its title changed in the database behind the site's back (no publish, so no purge)."""
    a, b = servers
    page = draft_change("Spreekuur nieuw")
    anonymous = Visitor()
    assert "Spreekuur oud" in anonymous.get(a, page.url)[2]
    ContentPage.objects.filter(pk=page.pk).update(title="Buiten de site om")
    assert "Spreekuur oud" in anonymous.get(b, page.url)[2]
