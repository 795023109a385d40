import pytest

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_profile_page_is_accessible_at_320_pixels(page, site, axe):
    from members.models import Profile

    profile = Profile.objects.get(user__email="organisatie@kennisplatform.example")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + "/organisaties/ocan-almere/")
    page.get_by_role("link", name="Naomi Martina").click()
    page.wait_for_url(f"**/mensen/{profile.pk}/")
    assert page.locator("h1").inner_text() == "Naomi Martina"
    assert "organisatie@kennisplatform.example" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)


def test_member_and_admin_pages_are_accessible_and_usable(page, site, axe, demo_changes):
    from .test_pages import log_in

    log_in(page, site, email="organisatie@kennisplatform.example")
    page.get_by_role("link", name="Mijn account").click()
    page.wait_for_url("**/account/")
    assert_no_axe_violations(axe, page)

    page.goto(site.url + "/account/profiel/")
    page.get_by_label("Voornaam").fill("")
    page.get_by_label("Achternaam").fill("")
    page.get_by_role("button", name="Profiel opslaan").click()
    assert page.get_by_label("Voornaam").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(axe, page)

    page.goto(site.url + "/organisaties/nieuw/")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Naam", exact=True).fill("Buurtkamer De Schakel")
    page.get_by_role("button", name="Organisatie aanmelden").click()
    assert page.get_by_label("Omschrijving").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(axe, page)

    page.goto(site.url + "/organisaties/ocan-almere/leden/")
    assert page.get_by_text("Ik wil graag meehelpen bij jullie inloop.").is_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Latifa de Lid toelaten").click()
    page.wait_for_url("**/organisaties/ocan-almere/leden/")
    assert page.get_by_text("Latifa de Lid is nu lid.").is_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_axe_violations(axe, page)
