import pytest

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/bibliotheek/", "Bibliotheek"),
    ("/bibliotheek/?thema=schulden&soort=story", "Bibliotheek"),
    ("/bibliotheek/vier-partners-een-alliantie-tegen-schulden-in-almere/", "Vier partners"),
    ("/bibliotheek/handreiking-diversiteitsensitief-samenwerken-in-de-schuldhulp/", "Handreiking diversiteitsensitief"),
    ("/bibliotheek/draaiboek-een-organisatienetwerk-tegen-kinderarmoede/", "Draaiboek"),
    ("/bibliotheek/draaiboek-een-organisatienetwerk-tegen-kinderarmoede/afdrukken/", "Draaiboek"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_library_pages_have_no_accessibility_violations(page, site, axe, path, heading):
    page.goto(site.url + path)
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("path", [PAGES[0][0], PAGES[2][0]])
def test_library_pages_work_at_320_pixels(page, site, axe, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + path)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)


def test_filters_are_usable_by_keyboard(page, site):
    page.goto(site.url + "/bibliotheek/")
    page.get_by_label("Schulden").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Filters toepassen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/bibliotheek/?thema=schulden")
    assert page.get_by_label("Schulden").is_checked()
    assert "resultaten" in page.locator("#results-heading").inner_text()


def test_submission_form_is_accessible_with_and_without_errors(page, site, axe, demo_changes):
    from .test_pages import log_in

    log_in(page, site)
    page.goto(site.url + "/bibliotheek/insturen/")
    assert page.locator("h1").inner_text() == "Praktijkverhaal insturen"
    assert_no_axe_violations(axe, page)
    page.get_by_label("Titel").fill("Ons spreekuur in de bibliotheek")
    page.get_by_role("button", name="Verhaal insturen").click()
    summary = page.get_by_label("Samenvatting")
    assert summary.get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(axe, page)

    summary.fill("Vrijwilligers helpen elke week met post en geld.")
    page.get_by_label("Het verhaal").fill("We begonnen klein.\n\nNu komen er elke week tien mensen.")
    page.get_by_role("button", name="Verhaal insturen").click()
    page.wait_for_url("**/account/inzendingen/")
    assert page.get_by_role("cell", name="Wacht op beoordeling").is_visible()
    assert_no_axe_violations(axe, page)
