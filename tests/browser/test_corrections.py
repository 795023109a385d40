"""'Klopt er iets niet?' in a browser: a visitor reports an error by keyboard-reachable form, the organisation's
admin handles it in their queue; every page has no axe violations, also at 320 px."""

import pytest

from .conftest import assert_no_axe_violations
from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reports_and_the_admin_fixes_it(page, site, axe, demo_changes):
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(site.url + "/organisaties/ocan-almere/")
    page.get_by_role("link", name="Meld een fout").click()
    assert_no_axe_violations(axe, page)

    page.get_by_role("button", name="Melding versturen").click()
    assert page.locator("[aria-invalid=true]").count() >= 1  # a Dutch error, nothing stored
    assert_no_axe_violations(axe, page)

    page.get_by_label("inloopspreekuren").check()
    page.get_by_label("Wat moet er anders?").fill("Op vrijdag is er geen inloop meer.")
    page.get_by_role("button", name="Melding versturen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bedankt voor uw melding"
    assert_no_axe_violations(axe, page)

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, site, "organisatie@kennisplatform.example")
    page.goto(site.url + "/organisaties/ocan-almere/meldingen/")
    assert page.get_by_text("Op vrijdag is er geen inloop meer.").is_visible()
    assert_no_axe_violations(axe, page)
