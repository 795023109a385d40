"""The agenda in a real browser: accessibility (axe-core) at desktop and phone width, and checking in on a phone."""

import re

import pytest

from events.models import Registration

from .conftest import assert_no_axe_violations
from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NETWORK = "/agenda/kennis-en-netwerkbijeenkomst-noodhulp-en-geloofsgemeenschappen/"


def fits(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_agenda_event_and_registration_form_are_accessible_wide_and_at_320px(page, site, axe):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path, heading in (
            ("/agenda/", "Agenda"),
            (NETWORK, "Kennis- en netwerkbijeenkomst"),
            (NETWORK + "aanmelden/", "Aanmelden: Kennis- en netwerkbijeenkomst"),
            ("/agenda/ontmoetingen-over-armoede/", "Ontmoetingen over armoede"),
        ):
            page.goto(site.url + path)
            assert heading in page.locator("h1").inner_text()
            fits(page)
            assert_no_axe_violations(axe, page)


def test_visitor_fills_in_the_form_by_keyboard_and_errors_are_tied_to_fields(page, site, axe, demo_changes):
    page.goto(site.url + NETWORK + "aanmelden/")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    name = page.get_by_label("Naam")
    assert name.get_attribute("aria-invalid") == "true"
    assert (
        "Dit veld is verplicht." in page.locator("#" + name.get_attribute("aria-describedby").split()[-1]).inner_text()
    )
    assert_no_axe_violations(axe, page)

    name.fill("Joost de Wit")
    page.get_by_label("E-mailadres").fill("joost@voorbeeld.nl")
    page.get_by_role("radio", name="Privacy (AVG) bij doorverwijzen").check()
    page.get_by_role("radio", name="Privacy (AVG) bij doorverwijzen").press("Enter")
    page.wait_for_url(site.url + NETWORK)
    assert "we hebben u een e-mail gestuurd" in page.locator("main").inner_text()
    assert Registration.objects.filter(email="joost@voorbeeld.nl", status=Registration.Status.PENDING).exists()


def test_organiser_checks_people_in_on_a_phone(page, site, axe, demo_changes):
    log_in(page, site, "organisatie@kennisplatform.example")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + NETWORK)
    page.get_by_role("link", name="Deelnemerslijst (voor organisatoren)").click()
    assert "Deelnemers:" in page.locator("h1").inner_text()
    fits(page)
    assert_no_axe_violations(axe, page)

    page.get_by_label("Zoek op naam, e-mail of organisatie").fill("Latifa")
    page.get_by_role("button", name="Zoek in de lijst").click()
    assert "Latifa de Lid" in page.locator("main").inner_text()
    page.get_by_role("button", name=re.compile(r"^Aanwezig\W+Latifa de Lid$")).click()
    page.wait_for_load_state()
    assert "Latifa de Lid is aanwezig." in page.locator("main").inner_text()
    assert page.get_by_role("button", name=re.compile(r"^Aftekenen ongedaan maken\W+voor Latifa de Lid$")).is_visible()
    fits(page)
    assert_no_axe_violations(axe, page)
    assert Registration.objects.get(
        email="lid@kennisplatform.example", event__slug__startswith="kennis-en"
    ).checked_in_at
