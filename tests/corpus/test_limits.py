"""Limits that keep one person from filling the database or telling who has an account (issue 11)."""

import pytest
from django.contrib.auth import hashers
from django.core import mail
from django.core.exceptions import ValidationError

from core.taxonomy import Municipality
from library.models import StoryPage
from members.models import Organisation, WalkInHour

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-wachtwoord-2026"


def test_signup_does_the_same_work_whether_or_not_the_address_has_an_account(client, member, monkeypatch):
    hashed = []
    hasher = type(hashers.get_hasher())
    real = hasher.encode
    monkeypatch.setattr(hasher, "encode", lambda self, *args, **kwargs: hashed.append(1) or real(self, *args, **kwargs))
    answers = []
    for email in ["nieuw@voorbeeld.nl", member.email]:
        hashed.clear()
        mail.outbox.clear()
        response = client.post("/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
        answers.append((response.status_code, response.get("Location"), len(hashed), len(mail.outbox)))
        client.logout()
    # The same answer, the same number of password hashes (the slow part) and one email either way.
    assert answers[0] == answers[1]
    assert answers[0][2] >= 1


def walk_in_rows(count):
    data = {
        "name": "Humanitas Almere",
        "kind": "formeel",
        "description": "Hulp bij geldzaken.",
        "municipality": Municipality.objects.get(name="Almere").pk,
        "spreekuren-TOTAL_FORMS": str(count),
        "spreekuren-INITIAL_FORMS": "0",
    }
    for n in range(count):
        data |= {f"spreekuren-{n}-weekday": "1", f"spreekuren-{n}-starts": "09:00", f"spreekuren-{n}-ends": "10:00"}
    return data


def test_a_profile_takes_at_most_twenty_walk_in_hours(client, organisation_a, org_admin):
    client.force_login(org_admin)
    response = client.post("/organisaties/humanitas-almere/bewerken/", walk_in_rows(300))
    assert response.status_code == 200
    assert "hoogstens 20 spreekuren" in response.content.decode()
    assert not WalkInHour.objects.exists()
    response = client.post("/organisaties/humanitas-almere/bewerken/", walk_in_rows(20))
    assert response.status_code == 302
    assert WalkInHour.objects.count() == 20


def test_an_organisation_description_of_a_megabyte_is_refused(client, organisation_a, org_admin):
    client.force_login(org_admin)
    data = walk_in_rows(0) | {"description": "Hulp. " * 200_000}
    response = client.post("/organisaties/humanitas-almere/bewerken/", data)
    assert response.status_code == 200
    assert "Deze tekst is te lang: hoogstens 5000 tekens." in response.content.decode()
    organisation_a.refresh_from_db()
    assert organisation_a.description == ""
    organisation_a.description = "x" * 5001
    with pytest.raises(ValidationError):
        organisation_a.full_clean()


def test_a_story_body_of_a_megabyte_is_refused(client, submitter, organisation_a, library_index):
    client.force_login(submitter)
    data = {"title": "Lang verhaal", "summary": "Kort.", "organisation": organisation_a.pk}
    response = client.post("/bibliotheek/insturen/", data | {"body": "Zin. " * 200_000})
    assert response.status_code == 200
    assert "niet meer dan 30000 tekens" in response.content.decode()
    # Within the characters, but thousands of paragraphs: refused by what the body costs to store.
    response = client.post("/bibliotheek/insturen/", data | {"body": "a\n\n" * 9_000 + "&" * 3_000})
    assert response.status_code == 200
    assert "Dit verhaal is te lang." in response.content.decode()
    assert not StoryPage.objects.filter(title="Lang verhaal").exists()


def test_the_model_caps_a_story_body_for_the_admin_and_importers(library_index):
    story = StoryPage.objects.get()
    story.body = [{"type": "paragraph", "value": "<p>" + "x" * 500_000 + "</p>"}]
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "body" in error.value.message_dict


@pytest.mark.parametrize("value", ["Ocan\u202e Almere", "Ocan\nAlmere", "Ocan\x00Almere"])
def test_organisation_registration_refuses_control_characters_and_stores_nothing(client, member, value):
    client.force_login(member)
    response = client.post("/organisaties/nieuw/", {"name": value, "kind": "formeel", "description": "Hulp."})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name__startswith="Ocan").exists()
