"""`apply_file_privacy` makes private the files that were stored public before the privacy rule and that only
unpublished pages use, keeps public what a public page uses, reports a missing file, and changes nothing twice."""

import io
import os
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_save
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from core import signals
from tests.core.test_documents import make_pdf
from tests.core.test_private_media import as_, body
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db
Image = get_image_model()
Document = get_document_model()
DRAFT_RECEIVER = "core.private_media.draft_saved"


def old_image(name):
    """An image written straight to the public media folder, as uploads were before the rule."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "teal").save(buffer, "PNG")
    stored = default_storage.save(f"original_images/{name}.png", ContentFile(buffer.getvalue()))
    return Image.objects.create(title=name, file=stored, width=60, height=40)


def old_document(name):
    stored = default_storage.save(f"documents/{name}.pdf", ContentFile(make_pdf([f"Verslag {name}."])))
    return Document.objects.create(title=name, file=stored)


@contextmanager
def before_the_rule():
    """Pages saved as they were before files of drafts were made private."""
    assert post_save.disconnect(sender=Revision, dispatch_uid=DRAFT_RECEIVER)
    try:
        yield
    finally:
        post_save.connect(signals.files_of_a_draft, sender=Revision, dispatch_uid=DRAFT_RECEIVER)


@pytest.fixture
def run(run_command):
    return lambda: run_command("apply_file_privacy")


def public_on_disk(file):
    file.refresh_from_db()
    return os.path.exists(os.path.join(settings.MEDIA_ROOT, file.file.name))


def test_files_of_drafts_become_private_public_ones_stay_and_a_second_run_changes_nothing(run, editor, member):
    draft_image, draft_document = old_image("concept-foto"), old_document("concept-notulen")
    live_image, live_document = old_image("openbare-foto"), old_document("openbare-notulen")
    unused = old_image("ongebruikt")
    changed_image = old_image("nieuwe-foto")
    with before_the_rule():
        ContentPageFactory(title="Concept", body=body(draft_image, draft_document), live=False, publish=False)
        live_page = ContentPageFactory(title="Openbaar", body=body(live_image, live_document))
        # A draft change of a live page, not published yet: only that draft uses the new photo.
        live_page.body = body(changed_image, live_document)
        live_page.save_revision()
    document_url = draft_document.url
    assert as_(None).get(document_url).status_code == 200
    old_original = draft_image.file.path
    old_rendition = draft_image.get_rendition("width-30").file.path
    assert os.path.exists(old_rendition)

    out, err = run()
    assert err == ""
    assert f"Afbeelding {draft_image.pk} (original_images/private--concept-foto" in out
    assert "niet-openbaar gemaakt (1 renditions verwijderd)." in out
    assert f"Document {draft_document.pk} (documents/private--concept-notulen" in out
    assert (
        "6 bestanden bekeken: 3 niet-openbaar gemaakt, 0 openbaar gemaakt, 2 al goed, 1 door niets gebruikt "
        "(ongewijzigd), 0 ontbrekend, 0 overgeslagen; 1 renditions verwijderd" in out
    )

    for file in (draft_image, draft_document, changed_image):
        file.refresh_from_db()
        assert os.path.basename(file.file.name).startswith("private--")
        assert file.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not os.path.exists(old_original) and not os.path.exists(old_rendition)
    # The document keeps its address; only who may fetch it changed.
    assert draft_document.url == document_url
    assert [as_(user).get(document_url).status_code for user in (None, member, editor)] == [404, 404, 200]
    rendition_url = draft_image.get_rendition("width-30").url
    assert rendition_url.startswith("/afgeschermd/")
    assert [as_(user).get(rendition_url).status_code for user in (None, member, editor)] == [404, 404, 200]

    assert public_on_disk(live_image) and public_on_disk(live_document) and public_on_disk(unused)
    assert as_(None).get(live_document.url).status_code == 200

    names = {file.pk: file.file.name for file in (*Image.objects.all(), *Document.objects.all())}
    out, err = run()
    assert err == ""
    assert out.splitlines() == [
        "6 bestanden bekeken: 0 niet-openbaar gemaakt, 0 openbaar gemaakt, 5 al goed, 1 door niets gebruikt "
        "(ongewijzigd), 0 ontbrekend, 0 overgeslagen; 0 renditions verwijderd (worden opnieuw gemaakt)."
    ]
    assert names == {file.pk: file.file.name for file in (*Image.objects.all(), *Document.objects.all())}


def test_a_private_file_that_a_public_page_uses_becomes_public(run):
    image, document = old_image("foto"), old_document("notulen")
    with before_the_rule():
        page = ContentPageFactory(title="Concept", body=body(image, document), live=False, publish=False)
    run()
    document.refresh_from_db()
    assert as_(None).get(document.url).status_code == 404
    # Published while the rule was not applied (e.g. by a script that saves rows directly).
    page.live = True
    page.save()
    out, _err = run()
    assert "0 niet-openbaar gemaakt, 2 openbaar gemaakt" in out
    assert public_on_disk(image) and public_on_disk(document)
    assert as_(None).get(document.url).status_code == 200


def test_a_missing_file_is_reported_and_the_others_are_still_made_private(run):
    gone, kept = old_image("weg"), old_document("blijft")
    with before_the_rule():
        ContentPageFactory(title="Concept", body=body(gone, kept), live=False, publish=False)
    os.remove(gone.file.path)

    out, err = run()
    assert f"Afbeelding {gone.pk} (original_images/weg" in err
    assert "het bestand ontbreekt in de opslag; niet verplaatst." in err
    assert (
        "1 niet-openbaar gemaakt, 0 openbaar gemaakt, 0 al goed, 0 door niets gebruikt (ongewijzigd), 1 ontbrekend"
        in out
    )
    assert Image.objects.get(pk=gone.pk).file.name == gone.file.name
    kept.refresh_from_db()
    assert os.path.basename(kept.file.name).startswith("private--")
