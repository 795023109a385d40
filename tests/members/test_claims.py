"""Claiming a profile nobody manages: a member asks on the profile, editors decide in the Wagtail admin, the
member becomes its admin and hears the decision; every other role is refused."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from members.claims import claim_profile, decide_claim
from members.membership import MembershipError
from members.models import Membership, ProfileClaim
from tests.conftest import SignedInClient, with_totp
from tests.factories import UserFactory

from .conftest import make

pytestmark = pytest.mark.django_db

CLAIM = {"role": "Coördinator van de inloop", "message": "U kunt mij bellen via het nummer op het profiel."}


@pytest.fixture
def unmanaged(db):
    return make("Buurtkamer De Schakel", "informeel")


@pytest.fixture
def claimant(db):
    return UserFactory(email="fatima@schakel.example", first_name="Fatima")


@pytest.fixture
def claimant_client(claimant):
    client = Client()
    client.force_login(claimant)
    return client


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@voorbeeld.nl")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def pending(unmanaged, claimant, editor, moderator, mailoutbox):
    claim = claim_profile(claimant, unmanaged, CLAIM["role"], CLAIM["message"])
    mailoutbox.clear()
    return claim


def decide(editor_client, claim, decision, reason=""):
    return editor_client.post(
        f"/admin/profielaanvragen/{claim.pk}/",
        {f"c{claim.pk}-decision": decision, f"c{claim.pk}-reason": reason},
        follow=True,
    )


# Asking


def test_a_profile_without_admin_invites_members_and_visitors_to_claim_it(client, claimant_client, unmanaged):
    visitor_page = client.get(unmanaged.get_absolute_url()).content.decode()
    assert "Niemand beheert dit profiel nu." in visitor_page
    assert "/account/login/?next=/organisaties/buurtkamer-de-schakel/beheren/" in visitor_page
    member_page = claimant_client.get(unmanaged.get_absolute_url()).content.decode()
    assert 'href="/organisaties/buurtkamer-de-schakel/beheren/"' in member_page
    assert "Vraag om lid te worden" not in member_page  # a join request would reach nobody


def test_a_profile_with_an_admin_cannot_be_claimed(claimant_client, unmanaged, claimant):
    Membership.objects.create(user=UserFactory(), organisation=unmanaged, role="admin")
    page = claimant_client.get(unmanaged.get_absolute_url()).content.decode()
    assert "Niemand beheert dit profiel" not in page and "beheren/" not in page
    response = claimant_client.post("/organisaties/buurtkamer-de-schakel/beheren/", CLAIM, follow=True)
    assert "heeft al een beheerder" in response.content.decode()
    assert not ProfileClaim.objects.exists()


def test_claiming_stores_the_claim_and_tells_the_editors(claimant_client, unmanaged, editor, moderator, mailoutbox):
    response = claimant_client.post("/organisaties/buurtkamer-de-schakel/beheren/", CLAIM, follow=True)
    assert "De redactie gaat na of u bij Buurtkamer De Schakel hoort" in response.content.decode()
    claim = ProfileClaim.objects.get()
    assert (claim.role, claim.status) == (CLAIM["role"], "pending")
    (message,) = mailoutbox
    assert sorted(message.to) == ["moderator@voorbeeld.nl", "redacteur@voorbeeld.nl"]
    assert "Coördinator van de inloop" in message.body
    assert "/admin/profielaanvragen/" in message.body
    page = claimant_client.get(unmanaged.get_absolute_url()).content.decode()
    assert "U heeft gevraagd dit profiel te beheren. De redactie beslist nog." in page
    assert "wacht op de redactie" in claimant_client.get("/account/").content.decode()


def test_asking_twice_gives_a_dutch_answer_and_one_claim(claimant_client, pending):
    response = claimant_client.post("/organisaties/buurtkamer-de-schakel/beheren/", CLAIM)
    assert response.status_code == 400
    assert "De redactie beslist nog" in response.content.decode()
    assert ProfileClaim.objects.count() == 1


@pytest.mark.parametrize(
    "data, error",
    [
        ({"role": "", "message": ""}, "Vul uw functie of rol bij de organisatie in."),
        ({"role": "Coördinator\nvan de inloop", "message": ""}, "regel"),
        ({"role": "x" * 151, "message": ""}, "151"),
    ],
)
def test_bad_input_gets_a_dutch_error_and_changes_nothing(claimant_client, unmanaged, data, error, mailoutbox):
    response = claimant_client.post("/organisaties/buurtkamer-de-schakel/beheren/", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ProfileClaim.objects.exists() and not mailoutbox


def test_visitors_are_sent_to_log_in_and_unverified_organisations_do_not_exist(client, claimant_client):
    make("Nog niet geverifieerd", status="awaiting")
    response = client.get("/organisaties/buurtkamer-de-schakel/beheren/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert claimant_client.get("/organisaties/nog-niet-geverifieerd/beheren/").status_code == 404


# Deciding


def test_editors_see_pending_claims_in_the_wagtail_admin(editor_client, pending):
    page = editor_client.get("/admin/profielaanvragen/").content.decode()
    assert "Buurtkamer De Schakel" in page and "fatima@schakel.example" in page and "Coördinator van de inloop" in page
    assert "Profielaanvragen" in editor_client.get("/admin/").content.decode()


def test_approving_makes_the_member_admin_and_tells_them(editor_client, pending, claimant, unmanaged, mailoutbox):
    response = decide(editor_client, pending, "approve")
    assert "Fatima" in response.content.decode() and "beheert nu Buurtkamer De Schakel" in response.content.decode()
    assert Membership.objects.get(user=claimant, organisation=unmanaged).role == "admin"
    pending.refresh_from_db()
    assert pending.status == "approved" and pending.decided_by.email == "redacteur@voorbeeld.nl"
    (message,) = mailoutbox
    assert message.to == ["fatima@schakel.example"]
    assert "u beheert nu het profiel van Buurtkamer De Schakel" in message.body
    assert "/organisaties/buurtkamer-de-schakel/bewerken/" in message.body
    member = Client()
    member.force_login(claimant)
    assert member.get("/organisaties/buurtkamer-de-schakel/bewerken/").status_code == 200


def test_an_existing_member_who_claims_becomes_admin_not_a_second_member(editor_client, pending, claimant, unmanaged):
    Membership.objects.create(user=claimant, organisation=unmanaged, role="member")
    decide(editor_client, pending, "approve")
    assert list(Membership.objects.filter(user=claimant).values_list("role", flat=True)) == ["admin"]


def test_declining_needs_a_reason_which_the_member_reads(editor_client, pending, claimant, mailoutbox):
    response = decide(editor_client, pending, "decline")
    assert "Zeg de aanvrager waarom u afwijst." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending" and not mailoutbox
    decide(editor_client, pending, "decline", "Wij konden u niet bereiken via het nummer op het profiel.")
    pending.refresh_from_db()
    assert pending.status == "declined"
    assert not Membership.objects.filter(user=claimant).exists()
    (message,) = mailoutbox
    assert "afgewezen" in message.subject and "Wij konden u niet bereiken" in message.body


def test_a_claim_is_decided_once(editor_client, pending, mailoutbox):
    decide(editor_client, pending, "approve")
    response = decide(editor_client, pending, "decline", "Toch niet.")
    assert "Over deze aanvraag is al beslist." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "approved" and len(mailoutbox) == 1


def test_a_bad_decision_value_changes_nothing(editor_client, pending):
    response = decide(editor_client, pending, "admin-worden")
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == "pending"


@pytest.mark.parametrize("who", ["visitor", "member", "claimant", "org_admin", "staff_without_permission"])
def test_only_editors_and_moderators_decide(who, pending, claimant, unmanaged):
    client = Client()
    if who != "visitor":
        user = {
            "member": lambda: UserFactory(),
            "claimant": lambda: claimant,
            "org_admin": lambda: make_admin(),
            "staff_without_permission": lambda: with_admin_access(UserFactory(is_staff=True)),
        }[who]()
        if who == "staff_without_permission":  # past the admin's own checks, so the permission is what refuses
            with_totp(user)
            client = SignedInClient()
        client.force_login(user)
    assert client.get("/admin/profielaanvragen/").status_code in (302, 403)
    response = client.post(f"/admin/profielaanvragen/{pending.pk}/", {f"c{pending.pk}-decision": "approve"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith("/admin/profielaanvragen/")  # to log in or the dashboard
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not Membership.objects.filter(user=claimant).exists()


def make_admin():
    other = make("Andere organisatie")
    user = UserFactory()
    Membership.objects.create(user=user, organisation=other, role="admin")
    return user


def with_admin_access(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_moderators_may_decide(moderator, pending, claimant):
    with_totp(moderator)
    client = SignedInClient()
    client.force_login(moderator)
    decide(client, pending, "approve")
    assert Membership.objects.get(user=claimant).role == "admin"


def test_an_erased_account_cannot_be_approved_and_its_claims_go_with_it(pending, claimant, editor):
    claimant.is_active = False
    claimant.save()
    with pytest.raises(MembershipError, match="bestaat niet meer"):
        decide_claim(pending, editor, approve=True)
    claimant.delete()
    assert not ProfileClaim.objects.exists()


def test_claims_are_in_the_data_export(claimant_client, pending):
    data = claimant_client.get("/account/gegevens/?download=1").json()
    assert data["profile_claims"][0]["organisation"] == "Buurtkamer De Schakel"
    assert data["profile_claims"][0]["role"] == CLAIM["role"]


@pytest.mark.django_db(transaction=True)
def test_two_editors_deciding_at_once_decide_once(unmanaged, claimant, mailoutbox):
    claim = claim_profile(claimant, unmanaged, CLAIM["role"])
    mailoutbox.clear()
    editors = [UserFactory(email=f"redacteur{n}@voorbeeld.nl") for n in range(2)]
    outcomes = []

    def run(editor, approve):
        try:
            decide_claim(claim, editor, approve, "" if approve else "Niet herkend.")
            outcomes.append("decided")
        except MembershipError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(editor, n == 0)) for n, editor in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["decided", "refused"]
    assert len(mailoutbox) == 1
