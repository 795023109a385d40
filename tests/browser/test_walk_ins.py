"""The shared walk-in page and a partner's profile with walk-in exceptions: accessible and usable by keyboard."""

import pytest

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/sociale-kaart/inloop/financieel-huis-almere/", "Financieel Huis Almere"),
        ("/organisaties/humanitas-almere/", "Humanitas Almere"),
        ("/organisaties/moskee-al-hoeda-almere/", "Moskee Al-Hoeda Almere"),
        ("/organisaties/ocan-almere/", "Ocan Almere"),
    ],
)
def test_walk_in_pages_have_no_accessibility_violations_at_320_pixels(page, site, axe, path, heading):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + path)
    assert page.locator("h1").inner_text() == heading
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)


def test_from_a_partner_profile_to_the_shared_walk_in_and_to_another_partner_by_keyboard(page, site):
    page.goto(site.url + "/organisaties/humanitas-almere/")
    assert page.get_by_text("Samen met Gemeente Almere – Geldloket en SchuldHulpMaatje Almere").is_visible()
    link = page.get_by_role("link", name="Meer over Financieel Huis Almere")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sociale-kaart/inloop/financieel-huis-almere/")
    assert page.get_by_role("heading", name="Wie is er wanneer").is_visible()
    page.get_by_role("link", name="SchuldHulpMaatje Almere").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisaties/schuldhulpmaatje-almere/")
    assert page.get_by_text("Samen met Gemeente Almere – Geldloket en Humanitas Almere").is_visible()
