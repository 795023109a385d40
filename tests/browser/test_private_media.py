"""The editor's preview of a draft shows its private image; the image's address answers 404 to anyone else."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import ContentPageFactory

from .conftest import log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOT = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "private-image-preview.png"


def test_the_preview_of_a_draft_shows_its_private_image_to_the_editor_only(page, browser, site, demo_changes):
    page.set_default_timeout(60_000)  # the admin's editor is the heaviest page; CI machines are busy
    buffer = io.BytesIO()
    PILImage.new("RGB", (480, 240), "darkorange").save(buffer, "PNG")
    upload = SimpleUploadedFile("spreekuur.png", buffer.getvalue())
    image = get_image_model().objects.create(title="Spreekuur", file=upload)
    draft = ContentPageFactory(
        title="Concept met foto",
        live=False,
        publish=False,
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "Het spreekuur", "caption": ""}}],
    )
    image.refresh_from_db()
    assert image.file.name.startswith("original_images/private--")

    log_in_to_admin(page, site, "redacteur@kennisplatform.example")
    page.goto(f"{site.url}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("button", name="Voorvertoning").first.click()
    frame = page.frame_locator("iframe[title]").first
    picture = frame.locator("img[alt='Het spreekuur']")
    picture.wait_for(timeout=30_000)
    source = picture.get_attribute("src")
    assert source.startswith("/afgeschermd/images/private--")
    picture.evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
    assert picture.evaluate("img => img.naturalWidth") > 0
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    visitor = browser.new_context()
    try:
        assert visitor.request.get(site.url + source).status == 404
        assert visitor.request.get(site.url + image.file.url).status == 404
    finally:
        visitor.close()
