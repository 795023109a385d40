"""A submission's photo and attachment stay private until the story is published; rejection and erasure remove them."""

import os
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from library.models import StoryPage
from members.services import erase_account
from tests.conftest import SignedInClient
from tests.core.test_documents import make_pdf
from tests.factories import UserFactory

from .test_submissions import form_data, library_index, moderator, png, submitter, verified_org  # noqa: F401

pytestmark = pytest.mark.django_db
Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def story(client, submitter, verified_org, library_index):
    client.force_login(submitter)
    attachment = SimpleUploadedFile(
        "verslag-spreekuur.pdf", make_pdf(["Verslag van het spreekuur."]), "application/pdf"
    )
    response = client.post(
        "/bibliotheek/insturen/", form_data(verified_org, image=png(), image_alt="Het spreekuur", attachment=attachment)
    )
    assert response.status_code == 302
    client.logout()
    return StoryPage.objects.get(title="Schuldhulp in de moskee")


def document_url():
    document = Document.objects.get()
    return f"/documenten/{document.pk}/{document.filename}"


def as_(user):
    client = SignedInClient()
    if user is not None:
        client.force_login(user)
    return client


def test_the_attachment_is_served_only_to_the_submitter_and_moderators(story, submitter, moderator, editor):
    url = document_url()
    assert Document.objects.get().filename == "verslag-spreekuur.pdf"
    assert as_(None).get(url).status_code == 404
    assert as_(UserFactory(email="nieuwsgierig@voorbeeld.nl")).get(url).status_code == 404
    assert as_(submitter).get(url).status_code == 200


def test_moderators_open_the_attachment_before_deciding(client, story, moderator):
    client.force_login(moderator)
    assert client.get(document_url()).status_code == 200


def test_the_photo_is_stored_outside_the_media_folder_and_served_only_to_who_may_see_it(story, submitter, moderator):
    image = Image.objects.get()
    assert re.fullmatch(r"original_images/private--[0-9a-f]{32}\.png", image.file.name)
    assert not image.file.path.startswith(str(settings.MEDIA_ROOT))
    rendition_url = image.get_rendition("fill-20x20").url
    assert rendition_url.startswith("/afgeschermd/images/private--")
    other_member = UserFactory(email="ander-lid@voorbeeld.nl")
    for url in (image.file.url, rendition_url):
        assert as_(None).get(url).status_code == 404
        assert as_(other_member).get(url).status_code == 404
        for user in (submitter, moderator):
            response = as_(user).get(url)
            assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def approve_or_reject(client, moderator, story, action):
    client.force_login(moderator)
    task_state = WorkflowState.objects.for_instance(story).get().current_task_state
    client.post(f"/admin/pages/workflow/action/{story.pk}/{action}/{task_state.pk}/", {"comment": "Besluit"})
    client.logout()


def test_publishing_makes_the_files_public(client, story, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve_or_reject(client, moderator, story, "approve")
    story.refresh_from_db()
    assert story.live
    response = Client().get(document_url())
    assert response.status_code == 200
    image = Image.objects.get()
    assert image.collection.is_root()
    stem = os.path.splitext(os.path.basename(image.file.name))[0]
    assert f"/media/images/{stem}." in Client().get(story.url).content.decode()


def test_rejection_removes_the_files(client, story, moderator, django_capture_on_commit_callbacks):
    document, image = Document.objects.get(), Image.objects.get()
    paths = [document.file.path, image.file.path]
    url = document_url()
    with django_capture_on_commit_callbacks(execute=True):
        approve_or_reject(client, moderator, story, "reject")
    assert not Document.objects.exists() and not Image.objects.exists()
    assert not any(os.path.exists(path) for path in paths)
    assert Client().get(url).status_code == 404
    # The submitter still sees the decision on the rejected story.
    client.force_login(StoryPage.objects.get(pk=story.pk).submitted_by)
    assert "Afgewezen" in client.get("/account/inzendingen/").content.decode()


def test_account_deletion_removes_unpublished_submissions_and_their_files(
    story, submitter, django_capture_on_commit_callbacks
):
    paths = [Document.objects.get().file.path, Image.objects.get().file.path]
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(submitter)
    assert not StoryPage.objects.filter(title="Schuldhulp in de moskee").exists()
    assert not Document.objects.exists() and not Image.objects.exists()
    assert not any(os.path.exists(path) for path in paths)
