"""Registering organisations, join requests, invitations and admins managing members on the site."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from core.taxonomy import Municipality
from members.membership import MembershipError, invitation_token, invite
from members.models import Invitation, JoinRequest, Membership, Organisation
from tests.factories import StoryPageFactory, UserFactory

from .conftest import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocan(db):
    return make("Ocan Almere", "informeel")


@pytest.fixture
def other(db):
    return make("Leger des Heils Almere")


@pytest.fixture
def org_admin(ocan):
    user = UserFactory(email="beheer@ocan.example", first_name="Naomi", last_name="Martina")
    Membership.objects.create(user=user, organisation=ocan, role="admin")
    return user


@pytest.fixture
def org_member(ocan):
    user = UserFactory(email="lid@ocan.example", first_name="Kees", last_name="Koster")
    Membership.objects.create(user=user, organisation=ocan, role="member")
    return user


@pytest.fixture
def other_admin(other):
    user = UserFactory(email="beheer@ldh.example")
    Membership.objects.create(user=user, organisation=other, role="admin")
    return user


# Registering an organisation


def registration(**overrides):
    data = {
        "name": "Buurtkamer De Schakel",
        "kind": "informeel",
        "municipality": Municipality.objects.get(code="GM0363").pk,
        "description": "Wij helpen buren met brieven en rekeningen.",
        "postcode": "1102ab",
        "phone": "020 123 45 67",
        "email": "info@schakel.example",
        "website": "schakel.example",
    }
    data.update(overrides)
    return data


def test_member_registers_an_organisation_and_becomes_its_admin(client, member, editor):
    Group.objects.get(name="Moderators").user_set.add(UserFactory(email="moderator@voorbeeld.nl"))
    client.force_login(member)
    assert client.get("/organisaties/nieuw/").status_code == 200
    response = client.post("/organisaties/nieuw/", registration())
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Buurtkamer De Schakel")
    assert organisation.status == "awaiting"
    assert organisation.postcode == "1102 AB"
    assert organisation.municipality.name == "Amsterdam"
    assert Membership.objects.get(organisation=organisation).user == member
    assert Membership.objects.get(organisation=organisation).role == "admin"
    (message,) = mail.outbox
    assert sorted(message.to) == ["moderator@voorbeeld.nl", "redacteur@voorbeeld.nl"]
    assert "Buurtkamer De Schakel" in message.subject and "verificatie" in message.subject
    # Not public until an editor verifies it, but its admin can manage it.
    assert client.get(f"/organisaties/{organisation.slug}/").status_code == 404
    assert client.get("/sociale-kaart/?q=Schakel").content.decode().count("Buurtkamer De Schakel") == 0
    assert client.get(f"/organisaties/{organisation.slug}/leden/").status_code == 200


def test_registration_is_validated_and_changes_nothing_when_wrong(client, member, ocan):
    client.force_login(member)
    response = client.post(
        "/organisaties/nieuw/",
        registration(
            name="ocan almere",
            municipality=ocan.municipality.pk,
            postcode="12",
            description="",
            kind="",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er staat al een organisatie met deze naam in Almere op het platform." in html
    assert "Vul een postcode in als 1234 AB." in html
    assert Organisation.objects.count() == 1
    assert not mail.outbox


def test_a_reserved_or_taken_slug_gets_a_suffix(client, member):
    make("Buurtkamer De Schakel")  # in Almere; the new one is in Amsterdam
    client.force_login(member)
    client.post("/organisaties/nieuw/", registration())
    client.post("/organisaties/nieuw/", registration(name="Nieuw"))  # "nieuw" is the registration path
    assert Organisation.objects.filter(slug="buurtkamer-de-schakel-2").exists()
    assert Organisation.objects.filter(slug="nieuw-2").exists()


def test_visitors_must_log_in_to_register(client, db):
    response = client.get("/organisaties/nieuw/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


# Join requests


def test_join_request_approved_by_an_admin(client, member, ocan, org_admin):
    client.force_login(member)
    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert "/organisaties/ocan-almere/lid-worden/" in html
    response = client.post("/organisaties/ocan-almere/lid-worden/", {"message": "Ik ben vrijwilliger bij de inloop."})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["beheer@ocan.example"]
    assert "De beheerders beslissen nog." in client.get("/organisaties/ocan-almere/").content.decode()

    client.force_login(org_admin)
    page = client.get("/organisaties/ocan-almere/leden/").content.decode()
    assert "Ik ben vrijwilliger bij de inloop." in page
    join_request = JoinRequest.objects.get()
    client.post(f"/organisaties/ocan-almere/verzoeken/{join_request.pk}/", {"decision": "approve"})
    assert Membership.objects.get(user=member, organisation=ocan).role == "member"
    assert mail.outbox[-1].to == [member.email]
    assert "U bent lid van Ocan Almere" in mail.outbox[-1].subject


def test_join_request_declined_sends_an_email_and_adds_nobody(client, member, ocan, org_admin):
    join_request = JoinRequest.objects.create(user=member, organisation=ocan)
    client.force_login(org_admin)
    client.post(f"/organisaties/ocan-almere/verzoeken/{join_request.pk}/", {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == "declined" and join_request.decided_by == org_admin
    assert not Membership.objects.filter(user=member).exists()
    assert "afgewezen" in mail.outbox[-1].subject and mail.outbox[-1].to == [member.email]
    # Deciding twice changes nothing.
    response = client.post(
        f"/organisaties/ocan-almere/verzoeken/{join_request.pk}/", {"decision": "approve"}, follow=True
    )
    assert "Over dit verzoek is al beslist." in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_duplicate_join_requests_are_refused_in_dutch(client, member, ocan, org_member):
    client.force_login(member)
    client.post("/organisaties/ocan-almere/lid-worden/", {"message": ""})
    response = client.post("/organisaties/ocan-almere/lid-worden/", {"message": "Nog een keer"})
    assert "U heeft al gevraagd om lid te worden van Ocan Almere." in response.content.decode()
    assert JoinRequest.objects.count() == 1
    client.force_login(org_member)
    response = client.post("/organisaties/ocan-almere/lid-worden/", {"message": ""})
    assert "U bent al lid van Ocan Almere." in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_nobody_can_join_an_unverified_organisation(client, member):
    make("Nog Niet Echt", status="awaiting")
    client.force_login(member)
    assert client.post("/organisaties/nog-niet-echt/lid-worden/", {"message": ""}).status_code == 404
    assert not JoinRequest.objects.exists()


# Invitations


def test_invitation_by_email_is_accepted_after_logging_in(client, ocan, org_admin):
    client.force_login(org_admin)
    response = client.post("/organisaties/ocan-almere/uitnodigingen/", {"email": "Nieuw@Voorbeeld.nl", "role": "admin"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["nieuw@voorbeeld.nl"]
    link = next(line for line in message.body.splitlines() if "/uitnodiging/" in line).strip()
    path = link[link.index("/uitnodiging/") :]

    client.logout()
    page = client.get(path).content.decode()
    assert "Log in met nieuw@voorbeeld.nl" in page
    assert "/account/login/?next=" in page

    invitee = UserFactory(email="nieuw@voorbeeld.nl")
    client.force_login(invitee)
    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.get(user=invitee, organisation=ocan).role == "admin"
    # The same link again: a clear message, nothing changes.
    response = client.post(path)
    assert response.status_code == 410
    assert "Deze uitnodiging is al gebruikt." in response.content.decode()
    assert Membership.objects.filter(user=invitee).count() == 1


def test_invitation_for_another_address_is_refused(client, ocan, org_admin, member):
    invitation = invite(ocan, org_admin, "iemand@voorbeeld.nl")
    client.force_login(member)
    response = client.post(f"/uitnodiging/{invitation_token(invitation)}/")
    assert response.status_code == 403
    assert "Deze uitnodiging is verstuurd naar iemand@voorbeeld.nl." in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_expired_revoked_and_forged_links_change_nothing(client, ocan, org_admin, member, monkeypatch):
    invitation = invite(ocan, org_admin, member.email)
    token = invitation_token(invitation)
    client.force_login(member)

    later = timezone.now() + datetime.timedelta(days=15)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    response = client.post(f"/uitnodiging/{token}/")
    assert response.status_code == 410 and "Deze uitnodiging is verlopen." in response.content.decode()
    monkeypatch.undo()

    response = client.post(f"/uitnodiging/{token[:-2]}xx/")
    assert "Deze link klopt niet." in response.content.decode()

    client.force_login(org_admin)
    client.post(f"/organisaties/ocan-almere/uitnodigingen/{invitation.pk}/intrekken/")
    client.force_login(member)
    response = client.post(f"/uitnodiging/{token}/")
    assert "Deze uitnodiging is ingetrokken." in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_a_fresh_link_does_not_outlive_an_old_invitation(client, ocan, org_admin, member):
    invitation = invite(ocan, org_admin, member.email)
    Invitation.objects.filter(pk=invitation.pk).update(created=timezone.now() - datetime.timedelta(days=15))
    client.force_login(member)
    assert "Uitnodiging om lid te worden van Ocan Almere" not in client.get("/account/").content.decode()
    response = client.post(f"/uitnodiging/{invitation_token(invitation)}/")
    assert response.status_code == 410 and "Deze uitnodiging is verlopen." in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_inviting_a_member_or_an_open_invitation_again_is_refused(client, ocan, org_admin, org_member):
    client.force_login(org_admin)
    response = client.post("/organisaties/ocan-almere/uitnodigingen/", {"email": "lid@ocan.example", "role": "member"})
    assert response.status_code == 400
    assert "lid@ocan.example is al lid van Ocan Almere." in response.content.decode()
    client.post("/organisaties/ocan-almere/uitnodigingen/", {"email": "nieuw@voorbeeld.nl", "role": "member"})
    response = client.post(
        "/organisaties/ocan-almere/uitnodigingen/", {"email": "nieuw@voorbeeld.nl", "role": "member"}
    )
    assert "heeft al een uitnodiging die nog geldig is" in response.content.decode()
    response = client.post("/organisaties/ocan-almere/uitnodigingen/", {"email": "geen-adres", "role": "member"})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


# Admins manage members


def test_admin_changes_a_role_and_removes_a_member(client, ocan, org_admin, org_member):
    client.force_login(org_admin)
    page = client.get("/organisaties/ocan-almere/leden/").content.decode()
    assert "Kees Koster" in page
    membership = Membership.objects.get(user=org_member)
    client.post(f"/organisaties/ocan-almere/leden/{membership.pk}/rol/", {"role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(f"/organisaties/ocan-almere/leden/{membership.pk}/verwijderen/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_an_admin_who_leaves_goes_to_their_account_page(client, ocan, org_admin, org_member):
    Membership.objects.filter(user=org_member).update(role="admin")
    client.force_login(org_admin)
    membership = Membership.objects.get(user=org_admin)
    response = client.post(f"/organisaties/ocan-almere/leden/{membership.pk}/verwijderen/")
    assert response["Location"] == "/account/"
    assert not Membership.objects.filter(user=org_admin).exists()


def test_the_last_admin_cannot_be_demoted_or_removed(client, ocan, org_admin):
    client.force_login(org_admin)
    membership = Membership.objects.get(user=org_admin)
    response = client.post(f"/organisaties/ocan-almere/leden/{membership.pk}/rol/", {"role": "member"}, follow=True)
    assert "Naomi Martina is de enige beheerder. Maak eerst iemand anders beheerder." in response.content.decode()
    response = client.post(f"/organisaties/ocan-almere/leden/{membership.pk}/verwijderen/", follow=True)
    assert "is de enige beheerder en kan niet worden verwijderd" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


@pytest.mark.parametrize("role", ["visitor", "member", "org_member", "admin_of_other", "editor"])
def test_nobody_but_its_admins_manages_an_organisation(
    client, role, ocan, org_admin, org_member, other_admin, member, editor
):
    users = {"member": member, "org_member": org_member, "admin_of_other": other_admin, "editor": editor}
    if role in users:
        client.force_login(users[role])
    target = Membership.objects.get(user=org_member)
    join_request = JoinRequest.objects.create(user=UserFactory(), organisation=ocan)
    invitation = Invitation.objects.create(organisation=ocan, email="x@voorbeeld.nl", invited_by=org_admin)
    responses = [
        client.get("/organisaties/ocan-almere/leden/"),
        client.post(f"/organisaties/ocan-almere/leden/{target.pk}/rol/", {"role": "admin"}),
        client.post(f"/organisaties/ocan-almere/leden/{target.pk}/verwijderen/"),
        client.post(f"/organisaties/ocan-almere/verzoeken/{join_request.pk}/", {"decision": "approve"}),
        client.post("/organisaties/ocan-almere/uitnodigingen/", {"email": "y@voorbeeld.nl", "role": "admin"}),
        client.post(f"/organisaties/ocan-almere/uitnodigingen/{invitation.pk}/intrekken/"),
    ]
    for response in responses:
        if role == "visitor":
            assert response.status_code == 302 and response["Location"].startswith("/account/login/")
        else:
            assert response.status_code == 404
    target.refresh_from_db()
    join_request.refresh_from_db()
    invitation.refresh_from_db()
    assert target.role == "member" and join_request.status == "pending" and invitation.revoked is None
    assert Invitation.objects.count() == 1


def test_an_admin_cannot_act_on_another_organisations_members_through_their_own(
    client, ocan, org_admin, other, other_admin
):
    outsider = Membership.objects.get(user=other_admin)
    foreign_request = JoinRequest.objects.create(user=UserFactory(), organisation=other)
    client.force_login(org_admin)
    assert client.post(f"/organisaties/ocan-almere/leden/{outsider.pk}/verwijderen/").status_code == 404
    assert client.post(f"/organisaties/ocan-almere/leden/{outsider.pk}/rol/", {"role": "member"}).status_code == 404
    assert (
        client.post(f"/organisaties/ocan-almere/verzoeken/{foreign_request.pk}/", {"decision": "approve"}).status_code
        == 404
    )
    assert Membership.objects.filter(pk=outsider.pk, role="admin").exists()
    assert JoinRequest.objects.get(pk=foreign_request.pk).status == "pending"


def test_service_refuses_an_unknown_role(ocan, org_admin):
    from members.membership import change_role

    with pytest.raises(MembershipError):
        change_role(Membership.objects.get(user=org_admin), "koning")


# The member's page


def test_account_page_lists_organisations_requests_invitations_and_submissions(client, member, ocan, other, org_admin):
    Membership.objects.create(user=member, organisation=ocan, role="admin")
    JoinRequest.objects.create(user=member, organisation=other)
    invite(make("Moskee Rotterdam", municipality="Rotterdam"), org_admin, member.email)
    StoryPageFactory(title="Ons verhaal", submitted_by=member, publish=False)
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "Ocan Almere" in html and "beheerder" in html
    assert "/organisaties/ocan-almere/leden/" in html
    assert "Leger des Heils Almere" in html
    assert "Uitnodiging om lid te worden van Moskee Rotterdam" in html
    assert "Ons verhaal" in html
    assert "Mijn account" in client.get("/").content.decode()


def test_account_page_queries_do_not_grow_with_data(client, page_queries, member):
    def fill(n, offset):
        for index in range(offset, offset + n):
            organisation = make(f"Organisatie {index}")
            Membership.objects.create(user=member, organisation=organisation)
            JoinRequest.objects.create(user=member, organisation=make(f"Andere {index}"))
            Invitation.objects.create(organisation=make(f"Derde {index}"), email=member.email)
            StoryPageFactory(title=f"Verhaal {index}", submitted_by=member, publish=False)

    client.force_login(member)
    fill(2, 0)
    few = page_queries("/account/")
    fill(4, 2)
    assert page_queries("/account/") == few


def test_visitors_are_sent_to_login_from_the_account_page(client, db):
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_editors_see_profiles_requests_and_invitations_in_the_admin(client, superuser, ocan, org_admin, member):
    from members.models import Profile
    from tests.conftest import with_totp

    profile = Profile.objects.create(user=member, role="Vrijwilliger", visibility="public")
    JoinRequest.objects.create(user=member, organisation=ocan)
    invite(ocan, org_admin, "nieuw@voorbeeld.nl")
    with_totp(superuser)
    client.force_login(superuser)
    for path in ("profile", "joinrequest", "invitation"):
        assert client.get(f"/admin/snippets/members/{path}/").status_code == 200
    assert "nieuw@voorbeeld.nl" in client.get("/admin/snippets/members/invitation/").content.decode()
    assert client.get(f"/admin/snippets/members/profile/edit/{profile.pk}/").status_code == 200


def test_an_invitee_without_an_account_signs_up_and_lands_back_on_the_invitation(client, ocan, org_admin):
    import re

    invitation = invite(ocan, org_admin, "nieuw@voorbeeld.nl")
    path = f"/uitnodiging/{invitation_token(invitation)}/"
    signup = client.get(path).content.decode()
    assert f"/account/signup/?next={path.replace(':', '%3A')}" in signup
    response = client.post(
        f"/account/signup/?next={path}",
        {
            "email": "nieuw@voorbeeld.nl",
            "password1": "een-heel-sterk-wachtwoord-1",
            "password2": "een-heel-sterk-wachtwoord-1",
            "next": path,
        },
    )
    (code,) = re.findall(r"\n([A-Z0-9]{4}-[A-Z0-9]{4})\n", mail.outbox[-1].body)
    response = client.post(response["Location"], {"code": code})
    assert response["Location"] == path
    client.post(path)
    assert Membership.objects.get(organisation=ocan, user__email="nieuw@voorbeeld.nl").role == "member"


def test_join_requests_and_invitations_cannot_be_changed_in_the_admin(client, superuser, ocan, org_admin, member):
    from tests.conftest import with_totp

    join_request = JoinRequest.objects.create(user=member, organisation=ocan)
    invite(ocan, org_admin, "nieuw@voorbeeld.nl")
    invitation = Invitation.objects.get(email="nieuw@voorbeeld.nl")
    with_totp(superuser)
    client.force_login(superuser)
    for path, obj in (("joinrequest", join_request), ("invitation", invitation)):
        listing = client.get(f"/admin/snippets/members/{path}/")
        assert listing.status_code == 200
        assert f"/admin/snippets/members/{path}/add/" not in listing.content.decode()
        assert client.get(f"/admin/snippets/members/{path}/add/").status_code in (302, 403)
        assert client.get(f"/admin/snippets/members/{path}/edit/{obj.pk}/").status_code in (302, 403)
        assert client.post(f"/admin/snippets/members/{path}/delete/{obj.pk}/").status_code in (302, 403)
    assert JoinRequest.objects.filter(pk=join_request.pk).exists()
    assert Invitation.objects.filter(pk=invitation.pk).exists()
