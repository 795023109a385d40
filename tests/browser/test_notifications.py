import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations
from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320])
def test_bell_shows_unread_count_and_the_list_marks_them_read(page, site, axe, demo_changes, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site)
    bell = page.locator(".site-bell")
    if width < 768:
        # On phones the account links, the bell among them, sit behind the menu button.
        page.get_by_role("button", name="Menu").click()
    expect(bell).to_contain_text(re.compile(r"\d+ ongelezen"))
    bell.click()
    page.wait_for_url(site.url + "/account/meldingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    assert page.locator("main li a").count() > 0
    assert_no_axe_violations(axe, page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(site.url + "/")
    expect(page.locator(".site-bell")).not_to_contain_text("ongelezen")
