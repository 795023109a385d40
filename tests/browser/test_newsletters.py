"""An editor composes a newsletter in the admin: adds a suggestion, previews it (axe on the preview), sends a test."""

import pytest
from django.core import mail

from newsletters.models import Newsletter

from .conftest import assert_no_axe_violations, log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_composes_previews_and_tests_a_newsletter(page, site, axe, demo_changes):
    page.set_default_timeout(60_000)  # the admin is heavy; CI machines are busy
    log_in_to_admin(page, site, "redacteur@kennisplatform.example")
    draft = Newsletter.objects.get(status=Newsletter.Status.DRAFT)
    before = draft.items.count()

    page.goto(site.url + "/admin/snippets/newsletters/newsletter/")
    page.get_by_role("link", name=draft.subject).first.wait_for()
    page.goto(f"{site.url}/admin/nieuwsbrieven/{draft.pk}/")
    assert page.get_by_role("heading", name="Suggesties").is_visible()
    page.get_by_role("button", name="Toevoegen").first.click()
    page.get_by_text("staat nu in de nieuwsbrief").wait_for()
    assert draft.items.count() == before + 1

    page.get_by_role("link", name="Voorbeeld (HTML)").click()
    page.wait_for_url("**/voorbeeld/")
    assert page.get_by_role("heading", level=1).inner_text() == draft.subject
    assert_no_axe_violations(axe, page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/admin/nieuwsbrieven/{draft.pk}/")
    mail.outbox = []
    page.get_by_role("button", name="Stuur test naar mijzelf").click()
    page.get_by_text("De test is verstuurd naar redacteur@kennisplatform.example").wait_for()
    assert [message.to for message in mail.outbox] == [["redacteur@kennisplatform.example"]]
    draft.refresh_from_db()
    assert draft.status == Newsletter.Status.DRAFT
