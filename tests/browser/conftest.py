"""Browser tests: Debian's Chromium driven by Playwright against Django's live server."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

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


@pytest.fixture
def site(live_server):
    call_command("load_demo_content", force=True, stdout=open(os.devnull, "w"))
    return live_server


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
    page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith((site.url, "data:", *allowed_origins)) else None)
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_no_axe_violations(axe, page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
