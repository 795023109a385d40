import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations
from .tiles import allowed_origins, tile_server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/sociale-kaart/", "Sociale kaart"),
    ("/sociale-kaart/?soort=informeel&hulp=schulden", "Sociale kaart"),
    ("/sociale-kaart/waar-kan-ik-terecht/", "Waar kan ik terecht?"),
    ("/sociale-kaart/waar-kan-ik-terecht/?vraag=schulden&gemeente=almere", "Waar kan ik terecht?"),
    ("/sociale-kaart/waar-kan-ik-terecht/?vraag=schulden", "Waar kan ik terecht?"),
    ("/sociale-kaart/waar-kan-ik-terecht/?vraag=geld-voor-eten&gemeente=urk", "Waar kan ik terecht?"),
    ("/organisaties/ocan-almere/", "Ocan Almere"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_social_map_pages_have_no_accessibility_violations(page, site, axe, path, heading):
    page.goto(site.url + path)
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_no_axe_violations(axe, page)


def test_finder_works_by_keyboard_at_320_pixels(page, site, axe):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + "/sociale-kaart/waar-kan-ik-terecht/")
    page.get_by_label("Ik heb schulden").check()
    page.get_by_label("In welke gemeente woont u?").select_option(label="Almere")
    page.get_by_label("In welke gemeente woont u?").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/waar-kan-ik-terecht/?vraag=schulden&gemeente=almere*")
    assert page.get_by_role("heading", name="Informele organisaties").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)


def test_the_map_loads_tiles_only_when_asked_and_remembers_it(page, site, axe, tile_server):
    page.goto(site.url + "/sociale-kaart/?gemeente=almere")
    section = page.locator("[data-social-map]")
    section.wait_for(state="visible")
    assert "127.0.0.1" in section.inner_text()  # the page names where the tiles would come from
    assert page.locator(".leaflet-container").count() == 0
    assert_no_axe_violations(axe, page)
    assert tile_server.requests == []

    page.get_by_role("button", name="Kaart tonen").click()
    page.locator(".leaflet-tile-loaded").first.wait_for()
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert tile_server.requests and all(path.startswith("/tiles/") for path in tile_server.requests)
    assert page.locator(".site-results li").count() >= 4  # the list is still there
    # Leaflet's controls speak Dutch, and its attribution links are underlined in their line of text.
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Inzoomen"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Uitzoomen"
    assert "programmabibliotheek" in page.locator(".leaflet-control-attribution a").first.get_attribute("title")
    assert "underline" in page.locator(".leaflet-control-attribution a").first.evaluate(
        "link => getComputedStyle(link).textDecorationLine"
    )
    # Nearby organisations may sit in a cluster: opening it (zoom or spread) shows single markers.
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    for _ in range(5):
        if single.count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    # A click that lands while Leaflet still animates the zoom or the spread opens nothing: click again.
    close = page.locator(".leaflet-popup-close-button")
    for _ in range(5):
        expect(page.locator(".leaflet-zoom-anim, .leaflet-cluster-anim")).to_have_count(0)
        single.first.click()
        try:
            close.wait_for(timeout=3000)
            break
        except PlaywrightTimeoutError:
            continue
    assert close.get_attribute("aria-label") == "Sluiten"
    assert_no_axe_violations(axe, page)

    # Remembered in this browser: the next page shows the map straight away, until the visitor hides it.
    page.goto(site.url + "/sociale-kaart/")
    page.locator(".leaflet-tile-loaded").first.wait_for()
    page.get_by_role("button", name="Kaart verbergen").click()
    assert page.locator("[data-map-canvas]").is_hidden()
    assert page.locator(".leaflet-tile").count() == 0
    requests_before = len(tile_server.requests)
    page.goto(site.url + "/sociale-kaart/")
    page.get_by_role("button", name="Kaart tonen").wait_for()
    assert len(tile_server.requests) == requests_before


def test_the_organisation_card_shows_its_small_map_on_request(page, site, axe, tile_server):
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site.url + "/organisaties/humanitas-almere/")
        assert (
            page.get_by_role("link", name="Route plannen")
            .get_attribute("href")
            .startswith("https://www.google.com/maps/dir/")
        )
        if width == 1280:
            assert tile_server.requests == []
            page.get_by_role("button", name="Kaart tonen").click()
        page.locator(".leaflet-tile-loaded").first.wait_for()
        assert page.locator(".leaflet-marker-icon").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert_no_axe_violations(axe, page)


def test_the_map_speaks_english_on_english_pages(page, site, tile_server):
    page.goto(site.url + "/sociale-kaart/")
    page.get_by_role("button", name="Kaart tonen").click()
    page.locator(".leaflet-control-zoom-in").wait_for()
    page.context.add_cookies([{"name": "kennisplatform_language", "value": "en", "url": site.url}])
    page.goto(site.url + "/sociale-kaart/")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom in"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom out"


def test_the_list_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/sociale-kaart/?soort=informeel")
    assert page.locator("[data-social-map]").is_hidden()
    assert page.locator(".site-results li").count() >= 1
    context.close()


def test_organisation_admin_pages_are_accessible(page, site, axe):
    from .test_pages import log_in

    log_in(page, site, email="organisatie@kennisplatform.example")
    page.goto(site.url + "/account/organisaties/")
    assert_no_axe_violations(axe, page)
    page.get_by_role("link", name="Profiel van Ocan Almere bewerken").click()
    page.wait_for_url("**/organisaties/ocan-almere/bewerken/")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Postcode").fill("fout")
    page.get_by_label("Breedtegraad").fill("48,85")  # Paris
    page.get_by_role("button", name="Profiel opslaan").click()
    assert page.get_by_label("Postcode").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Breedtegraad").get_attribute("aria-invalid") == "true"
    assert page.get_by_text("Deze plek ligt niet in Nederland.").is_visible()
    assert_no_axe_violations(axe, page)
