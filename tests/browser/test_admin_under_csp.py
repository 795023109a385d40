"""The Wagtail admin keeps working under the Content-Security-Policy: the page editor (date pickers,
inline panels) and the live preview panel (of a content page), whose frame the admin may show. Any refusal by the
policy or script error fails the test (the `page` fixture also checks every test for refusals)."""

import pytest

from events.models import EventPage
from home.models import ContentPage

from .conftest import log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_editor_and_its_preview_work_under_the_policy(page, site):
    page.set_default_timeout(60_000)  # the admin's editor is the heaviest page; CI machines are busy
    errors = []
    # Chromium reports each refusal on the console, also those inside the preview's frame.
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in_to_admin(page, site, "redacteur@kennisplatform.example")
    event = EventPage.objects.live().first()

    page.goto(f"{site.url}/admin/pages/{event.pk}/edit/")
    title = page.locator("#id_title")
    assert title.input_value() == event.title
    # Wagtail's inline date-time picker scripts ran: each builds its (hidden) calendar widget.
    assert page.locator(".xdsoft_datetimepicker").count() >= 2

    about = ContentPage.objects.get(slug="over-het-platform")
    page.goto(f"{site.url}/admin/pages/{about.pk}/edit/")
    title = page.locator("#id_title")
    title.fill(about.title + " (concept)")
    page.get_by_role("button", name="Voorvertoning").first.click()
    frame = page.frame_locator("iframe[title]").first
    frame.locator("h1").first.wait_for(timeout=20_000)
    assert "(concept)" in frame.locator("h1").first.inner_text()
    assert [text for text in console if "Content Security Policy" in text] == []
    assert errors == []
