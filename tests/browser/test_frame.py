"""The page frame on every page type at 320, 360 and 1280 px: one width, no sideways scrolling,
axe-core clean; the phone header, its menu button and search link; filters after a fold on phones."""

import re

import pytest

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NETWORK = "/agenda/kennis-en-netwerkbijeenkomst-noodhulp-en-geloofsgemeenschappen/"
STORY = "/bibliotheek/vier-partners-een-alliantie-tegen-schulden-in-almere/"
PLAYBOOK = "/bibliotheek/draaiboek-een-organisatienetwerk-tegen-kinderarmoede/"

# One address per page type.
PAGE_TYPES = [
    "/",
    "/over-het-platform/",
    "/bibliotheek/",
    "/bibliotheek/?thema=schulden",  # filtered on one theme: "Log in om thema Schulden te volgen"
    STORY,
    "/bibliotheek/handreiking-diversiteitsensitief-samenwerken-in-de-schuldhulp/",
    PLAYBOOK,
    PLAYBOOK + "afdrukken/",
    "/agenda/",
    NETWORK,
    NETWORK + "aanmelden/",
    "/agenda/ontmoetingen-over-armoede/",
    "/sociale-kaart/",
    "/sociale-kaart/waar-kan-ik-terecht/?vraag=schulden&gemeente=almere",
    "/sociale-kaart/waar-kan-ik-terecht/?vraag=schulden&dichtbij=1315&straal=10",
    "/sociale-kaart/?dichtbij=1315&toegang=gratis&toegang=tolk",
    "/organisaties/ocan-almere/",
    "/organisaties/humanitas-almere/",
    "/sociale-kaart/inloop/financieel-huis-almere/",
    "/organisaties/ocan-almere/klopt-er-iets-niet/",
    "/organisaties/ocan-almere/klopt-er-iets-niet/bedankt/",
    "/zoeken/?q=schulden",
    "/account/login/",
    "/account/signup/",
    "/nieuwsbrief/afmelden/voorbeeld/",
    "/volgen/email/?thema=schulden",  # news by email without an account
    "/volgen/email/verstuurd/",
    "/volgen/email/bevestigen/onjuist/",
    "/bestaat-niet/",
]
LIST_PAGES = ["/bibliotheek/", "/agenda/", "/sociale-kaart/", "/zoeken/?q=schulden"]

MAX_WIDTH = 1152  # --site-max-width: 72rem

MEASURE = """() => {
  const round = (rect) => [Math.round(rect.left), Math.round(rect.width)];
  const shown = (selector) => [...document.querySelectorAll(selector)]
    .map((element) => element.getBoundingClientRect()).filter((rect) => rect.width > 0).map(round);
  const width = document.documentElement.clientWidth;
  return {
    width,
    overflow: document.documentElement.scrollWidth - width,
    spans: shown(".site-header, .site-menu, .site-footer").map((box) => box[1]),
    columns: shown(".site-header__bar, .site-menu__content, main.site-main, .site-footer__content"),
  };
}"""


def person_path():
    from members.models import Profile

    return f"/mensen/{Profile.objects.get(user__email='organisatie@kennisplatform.example').pk}/"


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_every_page_type_has_the_same_frame_no_sideways_scrolling_and_no_axe_violations(page, site, axe, width):
    page.set_viewport_size({"width": width, "height": 740 if width < 1000 else 900})
    columns = set()
    for path in [*PAGE_TYPES, person_path()]:
        page.goto(site.url + path)
        assert page.locator("h1").count() == 1, path
        frame = page.evaluate(MEASURE)
        assert frame["overflow"] <= 0, f"{path} scrolls sideways by {frame['overflow']}px at {width}px"
        assert frame["spans"] and set(frame["spans"]) == {frame["width"]}, f"{path}: header/footer not full width"
        expected = min(frame["width"], MAX_WIDTH)
        assert {box[1] for box in frame["columns"]} == {expected}, f"{path}: frame rows {frame['columns']}"
        columns.update(tuple(box) for box in frame["columns"])
        assert_no_axe_violations(axe, page)
    # Every row of every page sits in the same column: nothing jumps sideways from page to page.
    assert len(columns) == 1, columns


@pytest.mark.parametrize("path", ["/", "/bibliotheek/", NETWORK, "/zoeken/?q=schulden"])
def test_phone_header_is_no_taller_than_a_fifth_of_the_screen(page, site, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url + path)
    assert page.locator(".site-header").bounding_box()["height"] <= 740 / 5


def test_menu_button_opens_and_closes_the_menu_by_keyboard(page, site, axe):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url + "/over-het-platform/")
    button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert button.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    assert page.get_by_role("link", name="Inloggen").is_hidden()

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Bibliotheek").is_visible()
    assert page.get_by_role("link", name="Inloggen").is_visible()
    assert_no_axe_violations(axe, page)
    # The menu follows the button in the tab order.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#site-menu') !== null")

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "site-menu"
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "true"
    menu.get_by_role("link", name="Bibliotheek").click()
    page.wait_for_url("**/bibliotheek/")


def test_search_sits_behind_an_icon_on_phones(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url + "/bibliotheek/")
    assert page.locator("#header-search").is_hidden()
    page.get_by_role("banner").get_by_role("link", name="Zoeken").click()
    page.wait_for_url("**/zoeken/")
    assert page.get_by_role("combobox", name="Zoekwoorden").is_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/bibliotheek/")
    assert page.locator("#header-search").is_visible()
    assert page.locator(".site-header__search-link").is_hidden()


@pytest.mark.parametrize("path", LIST_PAGES)
def test_phones_show_results_first_and_filters_in_a_panel(page, site, axe, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url + path)
    toggle = page.locator("summary", has_text="Resultaten filteren")
    first_filter = page.locator(".site-filters input[type=checkbox]").first
    assert first_filter.is_hidden()
    results = page.locator("#results-heading")
    assert results.bounding_box()["y"] > toggle.bounding_box()["y"]
    assert results.bounding_box()["y"] < 740, "the results start on the first screen"
    toggle.click()
    assert first_filter.is_visible()
    assert_no_axe_violations(axe, page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + path)
    assert toggle.is_hidden()
    assert first_filter.is_visible()
    assert page.locator(".site-filters").bounding_box()["x"] < results.bounding_box()["x"]


def test_without_javascript_menu_and_filters_still_work(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site.url + "/bibliotheek/")
    assert page.get_by_role("button", name="Menu").count() == 0  # hidden: nothing to press
    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").is_visible()
    page.locator("summary", has_text="Resultaten filteren").click()
    page.get_by_label(re.compile("^Schulden")).check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**/bibliotheek/?thema=schulden")
    assert page.locator("#results-heading").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_story_details_fit_on_one_line_so_the_story_starts_near_the_top(page, site, width):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(site.url + STORY)
    details = page.locator(".site-meta-list--compact > div")
    tops = {round(details.nth(index).bounding_box()["y"]) for index in range(4)}  # type, date, place, themes
    if width == 1280:
        assert len(tops) == 1, "type, date, place and themes share one line"
    assert page.get_by_role("term").filter(has_text="Soort").count() == 1  # still labelled for screen readers
    # All the details together take a few lines, not a screen.
    assert page.locator(".site-meta-list--compact").bounding_box()["height"] < (120 if width == 1280 else 260)


def test_one_link_colour_and_form_controls_that_look_like_controls(page, site):
    page.goto(site.url + "/bibliotheek/")
    colours = page.evaluate(
        """() => [...document.querySelectorAll('main a')].filter((a) => !a.className.includes('button'))
            .map((a) => getComputedStyle(a).color)"""
    )
    assert len(set(colours)) == 1, set(colours)
    box = page.locator(".site-filters input[type=checkbox]").first.bounding_box()
    assert box["width"] >= 22 and box["height"] >= 22
    page.goto(site.url + "/sociale-kaart/waar-kan-ik-terecht/")
    arrow = page.locator("select#finder-gemeente").evaluate("(select) => getComputedStyle(select).backgroundImage")
    assert "select-arrow.svg" in arrow
