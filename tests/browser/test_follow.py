"""Following in the browser: the demo member follows a theme and an organisation by keyboard, sees them on
"Wat ik volg", changes a frequency; the bell shows the unread count and opening the list marks it read."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations
from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_by_keyboard(page, button):
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("width", [1280, 360])
def test_follow_a_theme_and_an_organisation_then_manage_them(page, site, axe, demo_changes, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site)

    # A theme: the library filtered on exactly that theme offers the button above the results.
    page.goto(site.url + "/bibliotheek/?thema=schulden")
    assert_no_axe_violations(axe, page)
    press_by_keyboard(page, page.get_by_role("button", name="Volg thema Schulden"))
    page.wait_for_url(site.url + "/bibliotheek/?thema=schulden")
    expect(page.locator(".site-follow")).to_contain_text("U volgt thema Schulden.")
    # follow.js replaced the button in place and kept the keyboard focus on it.
    expect(page.get_by_role("button", name="Volgend — ontvolgen thema Schulden")).to_be_focused()
    assert_no_axe_violations(axe, page)

    # An organisation: the button on its page.
    page.goto(site.url + "/organisaties/humanitas-almere/")
    press_by_keyboard(page, page.get_by_role("button", name=re.compile(r"^Volg Humanitas")))
    page.wait_for_url(site.url + "/organisaties/humanitas-almere/")
    expect(page.locator(".site-follow")).to_contain_text("U volgt Humanitas")
    assert_no_axe_violations(axe, page)

    # "Wat ik volg": both, with what the demo already follows (a series among them).
    page.goto(site.url + "/account/volgen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat ik volg")
    main = page.locator("main")
    # A theme has no page of its own: the library filtered on it is its page.
    expect(main.get_by_role("link", name="Schulden", exact=True)).to_have_attribute(
        "href", "/bibliotheek/?thema=schulden"
    )
    expect(main.get_by_role("link", name=re.compile(r"^Humanitas"))).to_be_visible()
    expect(main.get_by_role("heading", name="Reeksen van bijeenkomsten")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(axe, page)

    # A frequency: one radio group per kind of news, saved.
    group = page.get_by_role("group", name="Nieuwe praktijkverhalen, handreikingen en draaiboeken")
    group.get_by_label("dagelijks overzicht").check()
    press_by_keyboard(page, page.get_by_role("button", name="E-mailinstellingen opslaan"))
    page.wait_for_url(site.url + "/account/volgen/")
    expect(page.locator("main")).to_contain_text("Uw e-mailinstellingen zijn opgeslagen.")
    expect(
        page.get_by_role("group", name="Nieuwe praktijkverhalen, handreikingen en draaiboeken").get_by_label(
            "dagelijks overzicht"
        )
    ).to_be_checked()

    # Unfollow the theme from the list.
    press_by_keyboard(page, page.get_by_role("button", name="Ontvolgen Schulden"))
    page.wait_for_url(site.url + "/account/volgen/")
    expect(page.locator(".site-follow-list li").filter(has_text="Schulden")).to_have_count(0)

    # The bell: an unread count, its list, and opening it marks the news read.
    page.goto(site.url + "/")
    if width < 768:
        page.get_by_role("button", name="Menu").click()
    bell = page.locator(".site-bell")
    expect(bell).to_contain_text(re.compile(r"\d+ ongelezen"))
    bell.click()
    page.wait_for_url(site.url + "/account/meldingen/")
    assert page.locator("main li a").count() > 0
    assert_no_axe_violations(axe, page)
    page.goto(site.url + "/")
    expect(page.locator(".site-bell")).not_to_contain_text("ongelezen")


def test_without_javascript_the_button_posts_and_comes_back(browser, site, demo_changes):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in(page, site)
    page.goto(site.url + "/organisaties/humanitas-almere/")
    page.get_by_role("button", name=re.compile(r"^Volg Humanitas")).click()
    page.wait_for_url(site.url + "/organisaties/humanitas-almere/")
    expect(page.locator("main")).to_contain_text("U volgt nu Humanitas")
    expect(page.get_by_role("button", name=re.compile(r"^Volgend — ontvolgen Humanitas"))).to_be_visible()
    context.close()


def test_visitor_is_asked_to_log_in_to_follow(page, site):
    page.goto(site.url + "/organisaties/humanitas-almere/")
    page.get_by_role("link", name=re.compile(r"^Log in om Humanitas")).click()
    page.wait_for_url(re.compile(r"/account/login/\?next="))
