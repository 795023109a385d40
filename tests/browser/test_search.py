import re

import pytest

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pick_a_suggestion_by_keyboard(page, site):
    page.goto(site.url + "/zoeken/")
    box = page.get_by_role("combobox", name="Zoekwoorden")
    # Typing can pause long enough for an earlier answer ("alli") to come first; wait for the last one.
    with page.expect_response(lambda response: "q=allian" in response.url):
        box.press_sequentially("allian", delay=30)
    option = page.get_by_role("option", name=re.compile("alliantie tegen schulden", re.I))
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert "suggestie" in page.locator("[data-combobox-status]").first.inner_text()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/bibliotheek/vier-partners-een-alliantie-tegen-schulden-in-almere/")


def test_escape_closes_the_suggestions_of_the_header_box(page, site):
    page.goto(site.url + "/")
    box = page.locator("#header-search")
    box.press_sequentially("schuld", delay=30)
    page.locator("#header-search-suggestions [role=option]").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/zoeken/?q=schuld")


def test_search_apply_two_facets_and_no_accessibility_violations(page, site, axe):
    page.goto(site.url + "/zoeken/?q=schulden")
    assert "resultaten" in page.locator("#results-heading").inner_text()
    assert page.locator(".site-snippet mark").count() > 0
    assert_no_axe_violations(axe, page)
    page.locator("#filters-heading").scroll_into_view_if_needed()
    page.get_by_role("group", name="Soort").get_by_label(re.compile("^Praktijkverhaal")).check()
    page.get_by_role("group", name="Gemeente").get_by_label(re.compile("^Almere")).check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url(re.compile(r"type=story.*municipality=almere"))
    assert page.get_by_role("group", name="Soort").get_by_label(re.compile("^Praktijkverhaal")).is_checked()
    assert page.get_by_role("group", name="Gemeente").get_by_label(re.compile("^Almere")).is_checked()
    titles = page.locator(".site-results h3").all_inner_texts()
    assert titles and all(title for title in titles)
    assert_no_axe_violations(axe, page)


def test_search_page_works_at_320_pixels(page, site, axe):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + "/zoeken/?q=samenwerking")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("width", [1280, 320])
def test_organisation_group_help_and_notices_are_accessible(page, site, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url + "/zoeken/?q=schulden")
    group = page.get_by_role("region", name=re.compile(r"\d+ organisaties"))
    assert (
        group.get_by_role("link", name="Bekijk ze op de sociale kaart").get_attribute("href")
        == "/sociale-kaart/?hulp=schulden"
    )
    assert_no_axe_violations(axe, page)
    page.goto(site.url + "/zoeken/?q=schulden+moskee+xylofoon")
    help_ = page.get_by_role("region", name="Meer vinden")
    help_.get_by_role("link", name=re.compile(r"^schulden \(\d+\)$")).click()
    page.wait_for_url("**/zoeken/?q=schulden")
    page.goto(site.url + "/zoeken/?q=%F0%9F%99%82")
    assert "Typ een of meer woorden" in page.locator(".site-search-notice[role=status]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)
