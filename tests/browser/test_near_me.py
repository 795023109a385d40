"""Near me in a browser: a postcode search and "Gebruik mijn locatie" with a granted (fake) location, on the
social map and in the finder, at 360 px, nearest first, without axe violations."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
# Almere Stad, near the Stationsplein; the page rounds it to three decimals before it is sent.
ALMERE_STAD = {"latitude": 52.37112, "longitude": 5.21487}


def distances(page):
    """The distances the result cards show, in km, in page order."""
    texts = page.locator(".site-card").get_by_text(re.compile(r"^Afstand: ")).all_inner_texts()
    return [float(text.removeprefix("Afstand: ").removesuffix(" km").replace(",", ".")) for text in texts]


def no_sideways_scrolling(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def open_filters(page):
    panel = page.locator("[data-filter-panel]")
    if panel.get_attribute("open") is None:
        page.get_by_text("Resultaten filteren").click()


def test_postcode_search_on_the_social_map_sorts_by_distance(page, site, axe):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/sociale-kaart/")
    open_filters(page)
    page.get_by_label("Dichtbij (postcode of plaats)").fill("1315")
    page.get_by_label("Afstand", exact=True).select_option(label="10 km")
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url(re.compile(r"dichtbij=1315"))
    found = distances(page)
    assert len(found) >= 5 and found == sorted(found)
    assert found[-1] <= 10
    expect(page.get_by_role("heading", name="Humanitas Almere")).to_be_visible()
    assert no_sideways_scrolling(page)
    assert_no_axe_violations(axe, page)


def test_my_location_on_the_social_map_with_a_granted_location(page, site, axe):
    page.context.grant_permissions(["geolocation"], origin=site.url)
    page.context.set_geolocation(ALMERE_STAD)
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/sociale-kaart/?toegang=gratis")
    open_filters(page)
    button = page.get_by_role("button", name="Gebruik mijn locatie")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_url(re.compile(r"lat=52\.371&lon=5\.215"))
    found = distances(page)
    assert found and found == sorted(found) and found[-1] <= 5
    assert "toegang=gratis" in page.url  # the other filters stay
    # The location is shown as chosen; the postcode field stays empty.
    open_filters(page)
    expect(page.get_by_label("Dichtbij (postcode of plaats)")).to_have_value("")
    assert no_sideways_scrolling(page)
    assert_no_axe_violations(axe, page)


def test_finder_with_postcode_and_with_my_location(page, site, axe):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/sociale-kaart/waar-kan-ik-terecht/")
    page.get_by_label("Ik heb schulden").check()
    page.get_by_label("Of vul uw postcode of woonplaats in").fill("1315")
    page.get_by_role("button", name="Laat zien wie helpt").click()
    page.wait_for_url(re.compile(r"dichtbij=1315"))
    expect(page.get_by_role("heading", name=re.compile("Hulp binnen 10 km van 1315"))).to_be_visible()
    for column in ("finder-informal", "finder-formal"):
        section = page.locator(f"section[aria-labelledby={column}]")
        texts = section.get_by_text(re.compile(r"^Afstand: ")).all_inner_texts()
        values = [float(t.removeprefix("Afstand: ").removesuffix(" km").replace(",", ".")) for t in texts]
        assert values == sorted(values), column
    assert len(distances(page)) >= 3
    assert no_sideways_scrolling(page)
    assert_no_axe_violations(axe, page)

    page.context.grant_permissions(["geolocation"], origin=site.url)
    page.context.set_geolocation(ALMERE_STAD)
    expect(page.get_by_role("radio", name="Ik heb schulden")).to_be_checked()  # the question stays chosen
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    page.wait_for_url(re.compile(r"lat=52\.371&lon=5\.215"))
    expect(page.get_by_role("heading", name=re.compile("Hulp binnen 10 km van uw locatie"))).to_be_visible()
    found = distances(page)
    assert found and min(found) < 1
    assert_no_axe_violations(axe, page)


def test_a_refused_location_says_so_and_the_postcode_still_works(page, site):
    page.context.clear_permissions()
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/sociale-kaart/")
    open_filters(page)
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.get_by_text("Uw locatie is niet beschikbaar. Vul een postcode of plaats in.")).to_be_visible()
    assert "lat=" not in page.url
