"""Demo accounts. Their passwords are public: never load them on a production site."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from core.taxonomy import Municipality

from .models import Membership, Organisation

DEMO_PASSWORD = "demo-wachtwoord-2026"
# A fixed, public secret so whoever runs the demo can add it to an authenticator app.
DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPKENNISPLATFORM23"

ACCOUNTS = [
    {
        "email": "beheerder@kennisplatform.example",
        "first_name": "Bo",
        "last_name": "Beheer",
        "is_staff": True,
        "is_superuser": True,
        "groups": [],
        "mfa": True,
    },
    {
        "email": "redacteur@kennisplatform.example",
        "first_name": "Ruben",
        "last_name": "Redactie",
        "is_staff": False,
        "is_superuser": False,
        "groups": ["Editors", "Moderators"],
        "mfa": True,
    },
    {
        "email": "lid@kennisplatform.example",
        "first_name": "Latifa",
        "last_name": "de Lid",
        "is_staff": False,
        "is_superuser": False,
        "groups": [],
        "mfa": False,
    },
]


# Wagtail's migrations create these groups; an emptied database (or a site
# whose editors removed them) gets them back with the same core rights.
EDITOR_GROUPS = {
    "Editors": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_editor_groups():
    if all(Group.objects.filter(name=name).exists() for name in EDITOR_GROUPS):
        return
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, page_codenames in EDITOR_GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        if not created:
            continue
        group.permissions.add(access_admin)
        for codename in page_codenames:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )


def ensure_account(spec):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=spec["email"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "is_staff": spec["is_staff"],
            "is_superuser": spec["is_superuser"],
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    for name in spec["groups"]:
        group = Group.objects.filter(name=name).first()
        if group and not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
    codes = []
    if spec["mfa"]:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
        recovery = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
        wrapper = RecoveryCodes(recovery) if recovery else RecoveryCodes.activate(user)
        codes = wrapper.get_unused_codes()
    return user, codes


# The Almere alliance from the domain brief: four partners, formal and informal.
ORGANISATIONS = [
    ("Humanitas Almere", "formeel"),
    ("SchuldHulpMaatje Almere", "formeel"),
    ("Leger des Heils Almere", "formeel"),
    ("Ocan Almere", "informeel"),
]


def ensure_organisations():
    almere = Municipality.get_or_create_by_name("Almere")
    organisations = []
    for name, kind in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "kind": kind, "municipality": almere, "status": Organisation.Status.VERIFIED},
        )
        organisations.append(organisation)
    return organisations


def load():
    ensure_editor_groups()
    humanitas = ensure_organisations()[0]
    lines = ["", "Demo-accounts (wachtwoord voor allemaal: %s):" % DEMO_PASSWORD]
    for spec in ACCOUNTS:
        user, codes = ensure_account(spec)
        if not spec["is_staff"] and not spec["groups"]:
            Membership.objects.get_or_create(user=user, organisation=humanitas)
        if spec["is_superuser"]:
            role = "beheerder (Wagtail-beheer op /admin/)"
        elif spec["groups"]:
            role = "redacteur (Wagtail-beheer op /admin/)"
        else:
            role = "lid van Humanitas Almere (kan praktijkverhalen insturen)"
        lines.append(f"  {user.email:<38} {role}")
        if codes:
            lines.append(
                f"      tweede stap: TOTP-geheim {DEMO_ADMIN_TOTP_SECRET} in een authenticator-app, "
                f"of een herstelcode: {', '.join(codes[:3])}"
            )
    return lines
