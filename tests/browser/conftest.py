"""Browser tests: Debian's Chromium driven by Playwright against a live server over the demo content."""

import os
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import call_command

from members.demo import DEMO_ADMIN_TOTP_SECRET

# Playwright's sync API keeps an event loop running in the test thread; the
# ORM calls that fixtures make around the browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these flags Chromium tries to reach Google's services, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `./dev test` installs it (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def load_demo():
    with open(os.devnull, "w") as devnull:
        call_command("load_demo_content", force=True, stdout=devnull)


@pytest.fixture(scope="package")
def demo_server(django_db_setup, django_db_blocker):
    """One live server over the test database, filled with the demo content once.

    Browser tests are marked django_db(transaction=True), so the test database exists and
    pytest-django runs them after the other database tests; _django_db_helper below keeps it
    from emptying the database after every test, as live_server would. Afterwards the database
    is emptied, as after any transactional test.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        load_demo()
        server = LiveServer("localhost")
        yield server
        server.stop()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def _django_db_helper(django_db_setup, django_db_blocker):
    """Replaces pytest-django's per-test database handling for browser tests: no wrapping
    transaction (the live server must see committed data) and no flush after each test."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def site(demo_server):
    """The demo site. Tests that change data add demo_changes."""
    return demo_server


@pytest.fixture
def demo_changes(site):
    """For a test that changes the demo data: afterwards the database is emptied and filled again."""
    yield
    call_command("flush", interactive=False, verbosity=0)
    load_demo()


@pytest.fixture
def allowed_origins():
    """Other origins a test may reach on purpose (e.g. a local tile server); none by default."""
    return ()


@pytest.fixture
def page(browser, site, allowed_origins):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Nothing may load from another host.
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if not request.url.startswith((site.url, "data:", *allowed_origins)) else None
        ),
    )
    # Nothing the Content-Security-Policy refuses: Chromium reports each refusal on the console.
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert refused == [], f"refused by the Content-Security-Policy: {refused}"


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_no_axe_violations(axe, page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def log_in_to_admin(page, site, email):
    """Log a demo staff account in through allauth's two steps (password, then a TOTP code) and land in the admin."""
    page.goto(site.url + "/admin/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill("demo-wachtwoord-2026")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/account/2fa/authenticate/")
    counter = next(iter(yield_hotp_counters_from_time()))
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counter)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(site.url + "/admin/")
