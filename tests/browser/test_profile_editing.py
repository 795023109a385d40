"""An organisation's admin keeps the walk-in and services right, and a member claims a profile nobody manages,
in a browser at 320 px: keyboard-reachable forms, Dutch errors, no axe violations."""

import datetime
import re

import pytest
from django.utils import timezone

from .conftest import assert_no_axe_violations
from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_posts_a_notice_and_adds_a_service(page, site, axe, demo_changes):
    log_in(page, site, "organisatie@kennisplatform.example")
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(site.url + "/organisaties/ocan-almere/")
    page.get_by_role("link", name="Inloop: sluitingen en mededelingen").click()
    assert_no_axe_violations(axe, page)

    page.get_by_role("button", name="Sluiting opslaan").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_no_axe_violations(axe, page)

    later = timezone.localdate() + datetime.timedelta(days=60)
    page.locator("#id_mededeling-starts").fill(later.isoformat())
    page.locator("#id_mededeling-ends").fill(later.isoformat())
    page.get_by_label("Mededeling", exact=True).fill("Vandaag geen inloop: de vrijwilligers zijn op cursus.")
    page.get_by_role("button", name="Mededeling opslaan").click()
    assert page.get_by_text("Opgeslagen.").is_visible()
    assert page.get_by_text("Vandaag geen inloop: de vrijwilligers zijn op cursus.").is_visible()

    page.goto(site.url + "/organisaties/ocan-almere/diensten/nieuw/")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Naam").fill("Hulp bij formulieren")
    page.get_by_label("Schulden").check()
    page.get_by_role("group", name=re.compile(r"^Bellen")).get_by_label("ja").check()
    page.get_by_role("button", name="Dienst opslaan").click()
    assert page.get_by_text("De dienst Hulp bij formulieren is opgeslagen.").is_visible()
    assert_no_axe_violations(axe, page)


def test_a_member_claims_a_profile_nobody_manages(page, site, axe, demo_changes):
    log_in(page, site)
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(site.url + "/organisaties/buurtkracht-lelystad/")
    page.get_by_role("link", name="Werkt u hier? Vraag aan om het te beheren").click()
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Aanvraag versturen").click()
    assert page.locator("[aria-invalid=true]").count() == 1
    page.get_by_label("Uw functie of rol bij de organisatie").fill("Vrijwilliger bij de inloop")
    page.get_by_role("button", name="Aanvraag versturen").click()
    assert page.get_by_text("U heeft gevraagd dit profiel te beheren. De redactie beslist nog.").is_visible()
    assert_no_axe_violations(axe, page)
