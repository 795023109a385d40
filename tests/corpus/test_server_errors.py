"""Inputs real users typed that gave a server error (issue 11), each with the behaviour they should get."""

import io
import os

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from library.models import StoryPage
from library.submissions import submit_story
from members.models import JoinRequest, Organisation
from tests.core.test_documents import make_pdf
from tests.events.factories import EventPageFactory, agenda
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BIG_ID = "9" * 30


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def story(org, **extra):
    return {"title": "Een verhaal", "summary": "Kort.", "body": "Tekst.", "organisation": org.pk} | extra


@pytest.mark.parametrize(
    "title, slug",
    [
        ("مساعدة في الديون في المسجد", "msdh-fy-ldywn-fy-lmsjd"),
        ("Помощь с долгами", "pomoshch-s-dolgami"),
        ("ሓገዝ ንዕዳ", "hagez-nda"),
        ("债务帮助", "zhaiwubangzhu"),
        ("🤝💶", None),
    ],
)
def test_a_story_title_in_any_script_is_submitted_with_a_readable_slug(
    client, submitter, organisation_a, library_index, title, slug
):
    client.force_login(submitter)
    response = client.post("/bibliotheek/insturen/", story(organisation_a, title=title))
    assert response.status_code == 302
    page = StoryPage.objects.get(title=title)
    assert page.slug.isascii() and page.slug
    if slug:
        assert page.slug == slug


def test_a_second_emoji_title_gets_its_own_slug(client, submitter, organisation_a, library_index):
    client.force_login(submitter)
    for _ in range(2):
        assert client.post("/bibliotheek/insturen/", story(organisation_a, title="🤝")).status_code == 302
    assert len(set(StoryPage.objects.filter(title="🤝").values_list("slug", flat=True))) == 2


def test_a_name_stored_with_a_newline_does_not_break_join_requests_or_invitations(client, organisation_a, org_admin):
    # Stored before names were checked (or by an import): the emails must still go out.
    joiner = UserFactory(first_name="Jan\nBcc: iedereen@voorbeeld.nl", last_name="Jansen")
    Organisation.objects.filter(pk=organisation_a.pk).update(name="Humanitas\r\nAlmere")
    client.force_login(joiner)
    response = client.post("/organisaties/humanitas-almere/lid-worden/", {"message": "Graag"})
    assert response.status_code == 302
    assert JoinRequest.objects.filter(user=joiner).exists()
    client.force_login(org_admin)
    response = client.post(
        "/organisaties/humanitas-almere/uitnodigingen/", {"email": "nieuw@voorbeeld.nl", "role": "member"}
    )
    assert response.status_code == 302
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2
    assert all("\n" not in subject and "\r" not in subject for subject in subjects)
    assert "Humanitas Almere" in subjects[1]


@pytest.mark.parametrize("name", ["Jan\nJansen", "Jan\tJansen", "\u202eAnna", "Jan\x07", "Jan\u2028Jansen"])
def test_control_and_bidi_characters_in_a_name_are_refused_in_dutch(client, member, name):
    client.force_login(member)
    response = client.post("/account/profiel/", {"first_name": name, "last_name": "", "visibility": "hidden"})
    assert response.status_code == 200
    assert "zonder onzichtbare stuurtekens" in response.content.decode()
    member.refresh_from_db()
    assert member.first_name == "Sanne"


def test_control_characters_in_an_organisation_name_are_refused_by_the_model(organisation_a):
    from django.core.exceptions import ValidationError

    organisation_a.name = "Humanitas\u202e Almere"
    with pytest.raises(ValidationError) as error:
        organisation_a.full_clean()
    assert "name" in error.value.message_dict


@pytest.mark.parametrize("year", ["²⁰²⁴", "٢٠٢٤", "２０２４", "-2024", "99999999999999999999"])
def test_odd_years_in_the_library_filter_are_ignored(client, library_index, year):
    response = client.get("/bibliotheek/", {"jaar": year})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1E+999999", "NaN", "Infinity", "52,3,4", "9" * 400])
def test_impossible_coordinates_get_a_dutch_error(client, organisation_a, org_admin, value):
    client.force_login(org_admin)
    data = {
        "name": "Humanitas Almere",
        "kind": "formeel",
        "municipality": "",
        "description": "Hulp.",
        "latitude": value,
        "longitude": "5,2",
        "spreekuren-TOTAL_FORMS": "0",
        "spreekuren-INITIAL_FORMS": "0",
    }
    response = client.post("/organisaties/humanitas-almere/bewerken/", data)
    assert response.status_code == 200
    assert 'id="id_latitude_errors"' in response.content.decode()
    organisation_a.refresh_from_db()
    assert organisation_a.latitude is None


def test_thirty_digit_ids_in_addresses_are_not_found(client, organisation_a, org_admin):
    event = EventPageFactory(parent=agenda(), organisers=[org_admin])
    assert client.get(f"/mensen/{BIG_ID}/").status_code == 404
    client.force_login(org_admin)
    for url in [
        f"/organisaties/humanitas-almere/verzoeken/{BIG_ID}/",
        f"/organisaties/humanitas-almere/leden/{BIG_ID}/rol/",
        f"/organisaties/humanitas-almere/leden/{BIG_ID}/verwijderen/",
        f"/organisaties/humanitas-almere/uitnodigingen/{BIG_ID}/intrekken/",
    ]:
        assert client.post(url, {"approve": "1", "role": "admin"}).status_code == 404, url
    assert client.post(event.url + f"deelnemers/{BIG_ID}/aanwezig/").status_code == 404


def test_thirty_digit_ids_in_forms_are_refused_in_dutch(client, submitter, organisation_a, library_index):
    client.force_login(submitter)
    response = client.post("/bibliotheek/insturen/", story(organisation_a, themes=[BIG_ID], municipality=BIG_ID))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post("/bibliotheek/insturen/", story(organisation_a, organisation=BIG_ID))
    assert response.status_code == 200
    assert not StoryPage.objects.filter(title="Een verhaal").exists()
    event = EventPageFactory(parent=agenda(), tables=[("Noodhulp", 2)])
    client.logout()
    response = client.post(event.url + "aanmelden/", {"name": "Ans", "email": "ans@voorbeeld.nl", "table": BIG_ID})
    assert response.status_code == 400
    assert "Kies een tafel uit de lijst." in response.content.decode()


def media_files():
    found = set()
    # A submission's files are stored privately (core/private_media.py), outside MEDIA_ROOT.
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for folder, _dirs, files in os.walk(root):
            found.update(os.path.join(folder, name) for name in files)
    return found


def test_a_failed_submission_leaves_no_files_behind(submitter, organisation_a, library_index, monkeypatch):
    before = media_files()
    images = get_image_model().objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(StoryPage, "save_revision", broken)
    with pytest.raises(RuntimeError):
        submit_story(
            submitter,
            title="Verhaal",
            summary="Kort.",
            body="Tekst.",
            organisation=organisation_a,
            image=png(),
            image_alt="Een foto",
            attachment=SimpleUploadedFile("verslag.pdf", make_pdf("Verslag"), content_type="application/pdf"),
        )
    assert media_files() == before
    assert get_image_model().objects.count() == images
