"""Person profiles: who sees what, editing one's own profile, and the AVG export and erasure."""

import json

import pytest

from core.taxonomy import Theme
from members.models import Invitation, JoinRequest, Membership, Profile
from tests.factories import UserFactory

from .conftest import make
from .factories import MembershipFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocan(db):
    return make("Ocan Almere", "informeel")


def person(visibility, organisation=None, **names):
    user = UserFactory(
        first_name=names.get("first_name", "Sanne"),
        last_name=names.get("last_name", "de Vries"),
        email=f"{visibility}@voorbeeld.nl",
    )
    profile = ProfileFactory(user=user, visibility=visibility)
    if organisation:
        MembershipFactory(user=user, organisation=organisation)
    return profile


@pytest.mark.parametrize(
    ("visibility", "viewer", "expected"),
    [
        ("public", "visitor", 200),
        ("public", "member", 200),
        ("public", "owner", 200),
        ("members", "visitor", 404),
        ("members", "member", 200),
        ("members", "owner", 200),
        ("hidden", "visitor", 404),
        ("hidden", "member", 404),
        ("hidden", "editor", 404),
        ("hidden", "owner", 200),
    ],
)
def test_profile_page_shows_what_visibility_allows(client, member, editor, visibility, viewer, expected):
    profile = person(visibility)
    if viewer == "member":
        client.force_login(member)
    elif viewer == "editor":
        client.force_login(editor)
    elif viewer == "owner":
        client.force_login(profile.user)
    response = client.get(f"/mensen/{profile.pk}/")
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "Sanne de Vries" in html
        assert "Vrijwilliger schuldhulp" in html


def test_profile_never_shows_the_email_address(client, ocan):
    profile = person("public", ocan)
    profile.expertise.set([Theme.get_or_create_by_name("Schulden")])
    html = client.get(f"/mensen/{profile.pk}/").content.decode()
    assert profile.user.email not in html
    assert "Schulden" in html
    assert "Ocan Almere" in html


def test_unverified_organisations_are_not_listed_on_a_profile(client):
    awaiting = make("Nog Niet Echt", status="awaiting")
    profile = person("public", awaiting)
    assert "Nog Niet Echt" not in client.get(f"/mensen/{profile.pk}/").content.decode()


def test_organisation_page_lists_people_by_visibility(client, member, ocan):
    public = person("public", ocan, first_name="Petra")
    members_only = person("members", ocan, first_name="Mo")
    hidden = person("hidden", ocan, first_name="Hans")
    MembershipFactory(user=UserFactory(first_name="Zonder", last_name="Profiel"), organisation=ocan)

    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert "Petra" in html and "Mo de Vries" not in html and "Hans" not in html and "Zonder" not in html

    client.force_login(member)
    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert f"/mensen/{public.pk}/" in html and f"/mensen/{members_only.pk}/" in html
    assert f"/mensen/{hidden.pk}/" not in html
    assert public.user.email not in html


def test_member_edits_own_profile(client, member):
    client.force_login(member)
    assert client.get("/account/profiel/").status_code == 200
    schulden = Theme.get_or_create_by_name("Schulden")
    response = client.post(
        "/account/profiel/",
        {
            "first_name": "Latifa",
            "last_name": "Amrani",
            "role": "Sleutelfiguur",
            "bio": "Ik ken de wijk.",
            "expertise": [schulden.pk],
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    member.refresh_from_db()
    assert (member.first_name, profile.role, profile.visibility) == ("Latifa", "Sleutelfiguur", "members")
    assert list(profile.expertise.all()) == [schulden]


def test_a_new_profile_is_hidden_until_its_owner_chooses(client, member):
    client.force_login(member)
    client.get("/account/profiel/")
    assert Profile.objects.get(user=member).visibility == "hidden"


def test_bad_profile_input_changes_nothing(client, member):
    client.force_login(member)
    response = client.post(
        "/account/profiel/",
        {
            "first_name": "",
            "last_name": "",
            "role": "x" * 121,
            "bio": "",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul uw naam in als anderen uw profiel mogen zien." in html
    assert 'aria-invalid="true"' in html
    assert Profile.objects.get(user=member).visibility == "hidden"


def test_visitors_cannot_edit_a_profile(client, db):
    response = client.get("/account/profiel/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_personal_data_includes_profile_memberships_and_requests(client, member, ocan):
    profile = ProfileFactory(user=member, visibility="members")
    profile.expertise.set([Theme.get_or_create_by_name("Armoede")])
    Membership.objects.create(user=member, organisation=ocan, role="admin")
    other = make("Leger des Heils Almere")
    JoinRequest.objects.create(user=member, organisation=other, message="Ik help graag")
    Invitation.objects.create(organisation=other, email=member.email)
    client.force_login(member)
    data = json.loads(client.get("/account/gegevens/?download=1").content)
    assert data["profile"] == {
        "role": "Vrijwilliger schuldhulp",
        "bio": "Ik help met de thuisadministratie.",
        "expertise": ["Armoede"],
        "visibility": "members",
    }
    assert [(m["organisation"], m["role"]) for m in data["memberships"]] == [("Ocan Almere", "admin")]
    assert data["join_requests"][0]["message"] == "Ik help graag"
    assert data["invitations_received"][0]["organisation"] == "Leger des Heils Almere"


def test_erasing_the_account_removes_profile_memberships_requests_and_invitations(client, member, ocan):
    ProfileFactory(user=member)
    Membership.objects.create(user=member, organisation=ocan)
    other = make("Leger des Heils Almere")
    JoinRequest.objects.create(user=member, organisation=other)
    Invitation.objects.create(organisation=other, email=member.email.upper())
    client.force_login(member)
    client.post("/account/verwijderen/", {"password": "een-sterk-wachtwoord", "confirm": "on"})
    assert not Profile.objects.exists()
    assert not Membership.objects.exists()
    assert not JoinRequest.objects.exists()
    assert not Invitation.objects.exists()
