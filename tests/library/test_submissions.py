import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import WorkflowState

from library.models import StoryPage
from library.submissions import submission_status
from members.models import Membership, Organisation
from tests.conftest import with_totp
from tests.factories import MunicipalityFactory, StoryPageFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_index(home):
    StoryPageFactory(title="Bestaand verhaal")
    from library.models import LibraryIndexPage

    return LibraryIndexPage.objects.get()


@pytest.fixture
def verified_org(db):
    return Organisation.objects.create(
        name="Humanitas Almere", slug="humanitas-almere", kind="formeel", status="verified"
    )


@pytest.fixture
def submitter(member, verified_org):
    Membership.objects.create(user=member, organisation=verified_org)
    return member


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(email="moderator@voorbeeld.nl")
    user.groups.add(Group.objects.get(name="Moderators"))
    with_totp(user)
    return user


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def form_data(organisation, **extra):
    theme = ThemeFactory(name="Schulden", slug="schulden")
    data = {
        "title": "Schuldhulp in de moskee",
        "summary": "Een moskee en de gemeente houden samen een spreekuur.",
        "body": "Eerste alinea over de start.\n\nTweede alinea met <script>alert(1)</script> erin.",
        "organisation": organisation.pk,
        "themes": [theme.pk],
        "municipality": MunicipalityFactory(name="Almere").pk,
    }
    data.update(extra)
    return data


def test_visitor_is_sent_to_login(client, library_index):
    response = client.get("/bibliotheek/insturen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_member_without_verified_organisation_cannot_submit(client, member, library_index):
    unverified = Organisation.objects.create(name="Nieuwe stichting", slug="nieuw", kind="informeel", status="awaiting")
    Membership.objects.create(user=member, organisation=unverified)
    client.force_login(member)
    assert client.get("/bibliotheek/insturen/").status_code == 403
    response = client.post("/bibliotheek/insturen/", form_data(unverified))
    assert response.status_code == 403
    assert not StoryPage.objects.filter(title="Schuldhulp in de moskee").exists()


def test_submission_becomes_a_draft_in_the_workflow_and_is_not_public(client, submitter, verified_org, library_index):
    client.force_login(submitter)
    response = client.post(
        "/bibliotheek/insturen/",
        {**form_data(verified_org), "image": png(), "image_alt": "Twee vrijwilligers aan tafel"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    story = StoryPage.objects.get(title="Schuldhulp in de moskee")
    assert not story.live
    assert story.submitted_by == submitter
    assert list(story.organisations.all()) == [verified_org]
    assert [theme.slug for theme in story.themes.all()] == ["schulden"]
    assert story.municipality.name == "Almere"
    # The body is plain text turned into paragraphs; markup is escaped, never executed.
    assert [block.block_type for block in story.body] == ["paragraph", "paragraph", "image"]
    assert "&lt;script&gt;" in story.body[1].value.source
    assert WorkflowState.objects.for_instance(story).get().status == WorkflowState.STATUS_IN_PROGRESS
    assert submission_status(story)[0] == "pending"

    # Nobody sees it before an editor approves.
    client.logout()
    assert client.get(f"/bibliotheek/{story.slug}/").status_code == 404
    assert "Schuldhulp in de moskee" not in client.get("/bibliotheek/").content.decode()
    assert "Schuldhulp in de moskee" not in client.get("/bibliotheek/feed/rss/").content.decode()


def test_bad_input_gives_dutch_errors_and_creates_nothing(client, submitter, verified_org, library_index):
    client.force_login(submitter)
    bad_file = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 dit is geen pdf", content_type="application/pdf")
    response = client.post(
        "/bibliotheek/insturen/",
        {**form_data(verified_org), "title": "", "image": png(), "image_alt": "", "attachment": bad_file},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is een verplicht veld." in html
    assert "Beschrijf wat er op de foto staat." in html
    assert 'id="id_attachment_errors"' in html
    assert not StoryPage.objects.filter(submitted_by=submitter).exists()


def test_someone_cannot_submit_for_an_organisation_they_do_not_belong_to(client, submitter, library_index):
    other = Organisation.objects.create(name="Leger des Heils", slug="ldh", kind="formeel", status="verified")
    client.force_login(submitter)
    response = client.post("/bibliotheek/insturen/", form_data(other))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not StoryPage.objects.filter(submitted_by=submitter).exists()


def submit(client, submitter, verified_org):
    client.force_login(submitter)
    client.post("/bibliotheek/insturen/", form_data(verified_org))
    client.logout()
    return StoryPage.objects.get(title="Schuldhulp in de moskee")


def test_editor_approves_in_the_admin_and_the_submitter_is_told(
    client, submitter, verified_org, moderator, library_index, django_capture_on_commit_callbacks
):
    story = submit(client, submitter, verified_org)
    mail.outbox.clear()
    client.force_login(moderator)
    state = WorkflowState.objects.for_instance(story).get()
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": "Mooi verhaal"}
        )
    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [submitter.email]
    assert "gepubliceerd" in mail.outbox[0].subject
    client.logout()
    assert client.get(story.url).status_code == 200
    client.force_login(submitter)
    html = client.get("/account/inzendingen/").content.decode()
    assert "Gepubliceerd" in html


def test_editor_rejects_with_a_comment_and_the_submitter_is_told(
    client, submitter, verified_org, moderator, library_index, django_capture_on_commit_callbacks
):
    story = submit(client, submitter, verified_org)
    mail.outbox.clear()
    client.force_login(moderator)
    task_state = WorkflowState.objects.for_instance(story).get().current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/",
            {"comment": "Graag met toestemming van de geïnterviewden."},
        )
    story.refresh_from_db()
    assert not story.live
    assert len(mail.outbox) == 1
    assert "niet geplaatst" in mail.outbox[0].subject
    assert "Graag met toestemming van de geïnterviewden." in mail.outbox[0].body
    client.force_login(submitter)
    html = client.get("/account/inzendingen/").content.decode()
    assert "Afgewezen" in html and "Graag met toestemming" in html


def test_a_member_only_sees_their_own_submissions(client, submitter, verified_org, library_index):
    submit(client, submitter, verified_org)
    other = UserFactory(email="ander@voorbeeld.nl")
    client.force_login(other)
    assert "Schuldhulp in de moskee" not in client.get("/account/inzendingen/").content.decode()


def test_my_submissions_runs_a_constant_number_of_queries(
    client, page_queries, submitter, verified_org, moderator, library_index, django_capture_on_commit_callbacks
):
    from library.submissions import submit_story

    def count():
        client.force_login(submitter)
        return page_queries("/account/inzendingen/")

    def submit_and_reject(title):
        story = submit_story(submitter, title=title, summary="S", body="B", organisation=verified_org)
        task_state = WorkflowState.objects.for_instance(story).get().current_task_state
        client.force_login(moderator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/", {"comment": f"Nee: {title}"}
            )

    submit_story(submitter, title="Wachtend", summary="S", body="B", organisation=verified_org)
    submit_and_reject("Eerste")
    few = count()
    for n in range(5):
        submit_story(submitter, title=f"Nog een {n}", summary="S", body="B", organisation=verified_org)
        submit_and_reject(f"Verhaal {n}")
    assert count() == few
    html = client.get("/account/inzendingen/").content.decode()
    assert "Nee: Verhaal 4" in html and "Wacht op beoordeling" in html
