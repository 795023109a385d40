"""Who may open or do what: every role against every protected page, download and action, in one table.

Each cell logs in the role's own client (staff through the real password and authenticator-code steps),
makes the request inside a savepoint that is rolled back, and checks the outcome: "allow" is a 200, or
for an action a redirect after which the change is there; "deny" is a 403/404, or a redirect to the
login for a visitor, and for an action the change is not there.
"""

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.models import PlatformDocument
from events.models import Registration
from library.submissions import submit_story
from members.models import Invitation, JoinRequest, Membership, Organisation, Profile
from tests.conftest import with_totp
from tests.core.test_documents import make_pdf
from tests.events.factories import EventPageFactory, agenda
from tests.factories import ContentPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-wachtwoord"
ROLES = ["anonymous", "member", "org_admin", "organiser", "editor", "moderator", "superuser"]
LOGGED_IN = set(ROLES) - {"anonymous"}
STAFF = {"editor", "moderator", "superuser"}
NOBODY = set()


def login(client, user, secret=None):
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    if secret:
        assert response["Location"] == "/account/2fa/authenticate/"
        code = format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))
        response = client.post("/account/2fa/authenticate/", {"code": code})
        assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)


@pytest.fixture
def world(home, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    a = Organisation.objects.create(name="Humanitas Almere", slug="org-a", kind="formeel", status="verified")
    b = Organisation.objects.create(name="Ocan Almere", slug="org-b", kind="informeel", status="verified")
    Organisation.objects.create(name="Nog niet geverifieerd", slug="org-c", kind="informeel", status="awaiting")
    users = {
        "member": UserFactory(email="lid@voorbeeld.nl"),
        "org_admin": UserFactory(email="beheerder-a@voorbeeld.nl"),
        "organiser": UserFactory(email="organisator@voorbeeld.nl"),
        "editor": UserFactory(email="redacteur@voorbeeld.nl"),
        "moderator": UserFactory(email="moderator@voorbeeld.nl"),
        "superuser": UserFactory(email="super@voorbeeld.nl", is_staff=True, is_superuser=True),
    }
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    secrets = {role: with_totp(users[role]) for role in STAFF}
    membership = Membership.objects.create(user=users["member"], organisation=a)
    Membership.objects.create(user=users["org_admin"], organisation=a, role=Membership.Role.ADMIN)
    submitter = UserFactory(email="inzender@voorbeeld.nl")
    Membership.objects.create(user=submitter, organisation=a)
    admin_b = UserFactory(email="beheerder-b@voorbeeld.nl")
    membership_b = Membership.objects.create(user=admin_b, organisation=b, role=Membership.Role.ADMIN)
    Membership.objects.create(user=UserFactory(email="lid-b@voorbeeld.nl"), organisation=b)
    joiner = UserFactory(email="aanvrager@voorbeeld.nl")
    join_request = JoinRequest.objects.create(user=joiner, organisation=a)
    hidden = Profile.objects.create(user=submitter, visibility=Profile.Visibility.HIDDEN)
    members_only = Profile.objects.create(user=joiner, visibility=Profile.Visibility.MEMBERS)

    from library.models import LibraryIndexPage

    home.add_child(instance=LibraryIndexPage(title="Bibliotheek", slug="bibliotheek")).save_revision().publish()
    draft = submit_story(
        submitter,
        title="Ingestuurd verhaal",
        summary="Kort.",
        body="Tekst.",
        organisation=a,
        attachment=SimpleUploadedFile("bijlage.pdf", make_pdf(["Bijlage"]), content_type="application/pdf"),
    )
    attachment = PlatformDocument.objects.get(title="Ingestuurd verhaal")

    private_page = ContentPageFactory(parent=home, title="Alleen voor leden", slug="alleen-voor-leden")
    PageViewRestriction.objects.create(page=private_page, restriction_type=PageViewRestriction.LOGIN)
    private_collection = Collection.get_first_root_node().add_child(name="Alleen voor leden")
    CollectionViewRestriction.objects.create(collection=private_collection, restriction_type="login")
    private_document = PlatformDocument.objects.create(
        title="Verslag voor leden",
        collection=private_collection,
        file=SimpleUploadedFile("verslag.pdf", make_pdf(["Verslag"]), content_type="application/pdf"),
    )

    agenda()
    event = EventPageFactory(title="Bijeenkomst van de organisator", organisers=[users["organiser"]])
    other_event = EventPageFactory(title="Andere bijeenkomst")
    seat = Registration.objects.create(
        event=event,
        name="Deelnemer",
        email="deelnemer@voorbeeld.nl",
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    other_seat = Registration.objects.create(
        event=other_event,
        name="Ander",
        email="ander@voorbeeld.nl",
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )

    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        login(clients[role], user, secrets.get(role))
    return {
        "clients": clients,
        "users": users,
        "a": a,
        "b": b,
        "membership": membership,
        "membership_b": membership_b,
        "join_request": join_request,
        "hidden": hidden,
        "members_only": members_only,
        "draft": draft,
        "attachment": attachment,
        "private_page": private_page,
        "private_document": private_document,
        "event": event,
        "other_event": other_event,
        "seat": seat,
        "other_seat": other_seat,
    }


def checked_in(registration):
    return Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=False).exists()


# (what, method, address from the world, data, allowed roles, change an allowed action makes)
MATRIX = [
    ("organisation A: edit profile", "GET", lambda w: "/organisaties/org-a/bewerken/", None, {"org_admin"}, None),
    ("organisation B: edit profile", "GET", lambda w: "/organisaties/org-b/bewerken/", None, NOBODY, None),
    ("organisation A: members", "GET", lambda w: "/organisaties/org-a/leden/", None, {"org_admin"}, None),
    ("organisation B: members", "GET", lambda w: "/organisaties/org-b/leden/", None, NOBODY, None),
    (
        "organisation A: change a role",
        "POST",
        lambda w: f"/organisaties/org-a/leden/{w['membership'].pk}/rol/",
        {"role": "admin"},
        {"org_admin"},
        lambda w: Membership.objects.filter(pk=w["membership"].pk, role="admin").exists(),
    ),
    (
        "organisation B: remove a member",
        "POST",
        lambda w: f"/organisaties/org-b/leden/{w['membership_b'].pk}/verwijderen/",
        {},
        NOBODY,
        lambda w: not Membership.objects.filter(pk=w["membership_b"].pk).exists(),
    ),
    (
        "organisation A: approve a join request",
        "POST",
        lambda w: f"/organisaties/org-a/verzoeken/{w['join_request'].pk}/",
        {"decision": "approve"},
        {"org_admin"},
        lambda w: JoinRequest.objects.filter(pk=w["join_request"].pk, status="approved").exists(),
    ),
    (
        "organisation A: invite",
        "POST",
        lambda w: "/organisaties/org-a/uitnodigingen/",
        {"email": "nieuw@voorbeeld.nl", "role": "admin"},
        {"org_admin"},
        lambda w: Invitation.objects.filter(email="nieuw@voorbeeld.nl").exists(),
    ),
    ("unverified organisation: profile", "GET", lambda w: "/organisaties/org-c/", None, NOBODY, None),
    ("hidden person profile", "GET", lambda w: f"/mensen/{w['hidden'].pk}/", None, NOBODY, None),
    ("members-only person profile", "GET", lambda w: f"/mensen/{w['members_only'].pk}/", None, LOGGED_IN, None),
    ("attendee list", "GET", lambda w: w["event"].url + "deelnemers/", None, {"organiser"} | STAFF, None),
    ("attendee list as CSV", "GET", lambda w: w["event"].url + "deelnemers/csv/", None, {"organiser"} | STAFF, None),
    ("attendee list of another event", "GET", lambda w: w["other_event"].url + "deelnemers/", None, STAFF, None),
    (
        "check-in",
        "POST",
        lambda w: w["event"].url + f"deelnemers/{w['seat'].pk}/aanwezig/",
        {"present": "1"},
        {"organiser"} | STAFF,
        lambda w: checked_in(w["seat"]),
    ),
    (
        "check-in of another event's registration by id",
        "POST",
        lambda w: w["event"].url + f"deelnemers/{w['other_seat'].pk}/aanwezig/",
        {"present": "1"},
        NOBODY,
        lambda w: checked_in(w["other_seat"]),
    ),
    ("my registrations", "GET", lambda w: "/account/aanmeldingen/", None, LOGGED_IN, None),
    (
        "submitted draft on the site",
        "GET",
        lambda w: w["draft"].url or "/bibliotheek/ingestuurd-verhaal/",
        None,
        NOBODY,
        None,
    ),
    ("submitted draft: preview", "GET", lambda w: f"/admin/pages/{w['draft'].pk}/view_draft/", None, STAFF, None),
    ("submitted draft: edit in the admin", "GET", lambda w: f"/admin/pages/{w['draft'].pk}/edit/", None, STAFF, None),
    ("submitted draft: its attachment", "GET", lambda w: w["attachment"].url, None, STAFF, None),
    ("submit a story", "GET", lambda w: "/bibliotheek/insturen/", None, {"member", "org_admin"}, None),
    ("my submissions", "GET", lambda w: "/account/inzendingen/", None, LOGGED_IN, None),
    ("private page", "GET", lambda w: w["private_page"].url, None, LOGGED_IN, None),
    ("document in a private collection", "GET", lambda w: w["private_document"].url, None, LOGGED_IN, None),
    ("personal data", "GET", lambda w: "/account/gegevens/", None, LOGGED_IN, None),
    ("personal data export", "GET", lambda w: "/account/gegevens/?download=1", None, LOGGED_IN, None),
    ("Wagtail admin", "GET", lambda w: "/admin/", None, STAFF, None),
    ("admin: organisations", "GET", lambda w: "/admin/snippets/members/organisation/", None, STAFF, None),
    ("admin: users", "GET", lambda w: "/admin/users/", None, {"superuser"}, None),
]

DENIED = {403, 404, 405}


def outcome(role, method, response, effect, world):
    """'allow' or 'deny' as the person would see it, or a description of anything else."""
    status = response.status_code
    location = response.get("Location", "")
    if method == "GET":
        if status == 200:
            return "allow"
        if status in DENIED or (role == "anonymous" and status == 302 and "login" in location):
            return "deny"
        # Wagtail answers a staff member without the permission with a message on the admin's home page.
        if role in STAFF and status == 302 and location == "/admin/":
            return "deny"
        return f"{status} {location}"
    changed = effect(world)
    if status == 302 and "login" not in location and "2fa" not in location and changed:
        return "allow"
    if not changed and (status in DENIED or (role == "anonymous" and status == 302 and "login" in location)):
        return "deny"
    return f"{status} {location} changed={changed}"


def test_permission_matrix(world):
    wrong = []
    for what, method, address, data, allowed, effect in MATRIX:
        url = address(world)
        for role in ROLES:
            expected = "allow" if role in allowed else "deny"
            with transaction.atomic():
                client = world["clients"][role]
                try:
                    response = client.get(url) if method == "GET" else client.post(url, data or {})
                except Exception as error:  # noqa: BLE001 - the test client re-raises what would have been a 500; it is recorded as one
                    got = f"500 ({type(error).__name__})"
                else:
                    got = outcome(role, method, response, effect, world)
                transaction.set_rollback(True)
            if got != expected:
                wrong.append(f"{what} ({method} {url}) as {role}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)
