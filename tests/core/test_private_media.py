"""Files that only unpublished or restricted pages use are stored outside the media folder and served only to who
may see such a page; publishing makes them public, unpublishing private again; a public use wins."""

import io
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests.conftest import SignedInClient
from tests.core.test_documents import make_pdf
from tests.factories import ContentPageFactory, UserFactory

pytestmark = pytest.mark.django_db
Image = get_image_model()
Document = get_document_model()


@pytest.fixture
def files(superuser):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "teal").save(buffer, "PNG")
    image = Image.objects.create(
        title="Foto", file=SimpleUploadedFile("foto.png", buffer.getvalue()), uploaded_by_user=superuser
    )
    document = Document.objects.create(
        title="Notulen",
        file=SimpleUploadedFile("notulen.pdf", make_pdf(["Notulen van het overleg."])),
        uploaded_by_user=superuser,
    )
    return image, document


def body(image, document):
    return [
        {"type": "image", "value": {"image": image.pk, "alt_text": "Het overleg", "caption": ""}},
        {"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">Notulen</a></p>'},
    ]


def as_(user):
    client = SignedInClient()
    if user is not None:
        client.force_login(user)
    return client


def status(user, url):
    response = as_(user).get(url)
    if response.status_code == 200:
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response.status_code


def urls(image, document):
    image.refresh_from_db()
    document.refresh_from_db()
    return image.get_rendition("fill-30x30").url, document.url


def assert_private(image, document, allowed=(), denied=(None,)):
    rendition_url, document_url = urls(image, document)
    assert rendition_url.startswith("/afgeschermd/images/")
    assert not image.file.path.startswith(str(settings.MEDIA_ROOT))
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    # The address and download name do not show the mark: links keep working when the file becomes public.
    assert "private--" not in document_url
    assert document_url == f"/documenten/{document.pk}/{os.path.basename(document.file.name).removeprefix('private--')}"
    for user in denied:
        assert status(user, rendition_url) == 404
        assert status(user, image.file.url) == 404
        assert status(user, document_url) == 404
    for user in allowed:
        assert status(user, rendition_url) == 200
        assert status(user, document_url) == 200


def assert_public(image, document):
    rendition_url, document_url = urls(image, document)
    assert rendition_url.startswith(settings.MEDIA_URL + "images/")
    assert os.path.exists(os.path.join(settings.MEDIA_ROOT, image.file.name))
    response = as_(None).get(document_url)
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


def test_a_draft_keeps_its_files_private_and_publishing_and_unpublishing_moves_them(
    files, editor, member, django_capture_on_commit_callbacks
):
    image, document = files
    with django_capture_on_commit_callbacks(execute=True):
        page = ContentPageFactory(title="Concept", body=body(image, document), live=False, publish=False)
    assert_private(image, document, allowed=[editor], denied=[None, member])
    old_original = image.file.path

    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert_public(image, document)
    assert not os.path.exists(old_original)

    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    assert_private(image, document, allowed=[editor], denied=[None, member])


def test_a_file_that_a_public_page_also_uses_stays_public(files, django_capture_on_commit_callbacks):
    image, document = files
    ContentPageFactory(title="Openbaar", body=body(image, document))
    with django_capture_on_commit_callbacks(execute=True):
        ContentPageFactory(title="Concept", body=body(image, document), live=False, publish=False)
    assert_public(image, document)


def test_a_page_for_members_only_shows_its_files_to_members_only(files, member, django_capture_on_commit_callbacks):
    image, document = files
    page = ContentPageFactory(title="Voor leden", body=body(image, document))
    assert_public(image, document)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert_private(image, document, allowed=[member], denied=[None])
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert_public(image, document)


def test_editors_and_superusers_see_a_drafts_image_but_another_member_does_not(files, editor, superuser):
    image, _document = files
    other = UserFactory(email="ander@voorbeeld.nl")
    ContentPageFactory(title="Concept", body=body(*files), live=False, publish=False)
    image.refresh_from_db()
    url = image.get_rendition("width-40").url
    assert [status(user, url) for user in (None, other, editor, superuser)] == [404, 404, 200, 200]
