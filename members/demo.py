"""Demo accounts and organisations. The passwords are public: never load them on a production site."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from core.taxonomy import Municipality, TargetGroup, Theme

from .models import Invitation, JoinRequest, Language, Membership, Organisation, OrganisationCategory, Profile, WalkInHour

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
        "email": "organisatie@kennisplatform.example",
        "first_name": "Naomi",
        "last_name": "Martina",
        "is_staff": False,
        "is_superuser": False,
        "groups": [],
        "mfa": False,
        "membership": ("ocan-almere", "admin"),
    },
    {
        "email": "lid@kennisplatform.example",
        "first_name": "Latifa",
        "last_name": "de Lid",
        "is_staff": False,
        "is_superuser": False,
        "groups": [],
        "mfa": False,
        "membership": ("humanitas-almere", "member"),
    },
]


# Wagtail's migrations create these groups; an emptied database (or a site
# whose editors removed them) gets them back with the same core rights.
EDITOR_GROUPS = {
    "Editors": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# The rights members/migrations/0006 gives on the snippets of the social map: (app, model, actions).
ALL_ACTIONS = ("view", "add", "change", "delete")
MODEL_PERMISSIONS = {
    "Editors": [
        (app_label, model, ALL_ACTIONS)
        for app_label, models in (("members", ("organisation", "organisationcategory", "language")),
                                  ("core", ("theme", "targetgroup", "municipality")))
        for model in models
    ],
    "Moderators": [("members", "organisation", ("view", "change"))],
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
        for app_label, model, actions in MODEL_PERMISSIONS[name]:
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
            ))
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


CATEGORIES = [
    "Gemeente", "Noodhulpbureau", "Schuldhulpverlening", "Welzijn / sociaal werk", "Vrijwilligersorganisatie",
    "Moskee", "Kerk", "Migrantenorganisatie", "Sleutelfigurennetwerk", "Kennisinstituut", "Fonds",
]
LANGUAGES = ["Nederlands", "Engels", "Arabisch", "Turks", "Papiamento", "Tigrinya", "Pools"]
# Approximate centres, for the map; organisations are spread a little around them.
PLACES = {
    "Almere": (52.3508, 5.2647, ["Stad", "Haven", "Buiten"]),
    "Rotterdam": (51.9225, 4.4792, ["Feijenoord", "Delfshaven", "Charlois"]),
    "Amsterdam": (52.3676, 4.9041, ["Nieuw-West", "Oost", "Zuidoost"]),
    "Utrecht": (52.0907, 5.1214, ["Overvecht", "Kanaleneiland", "Zuilen"]),
    "Lingewaard": (51.8966, 5.9042, ["Huissen", "Bemmel", "Gendt"]),
    "Oldenzaal": (52.3133, 6.9292, ["Centrum", "Zuid-Berghuizen", "De Essen"]),
    "Ede": (52.0402, 5.6649, ["Veldhuizen", "Ede-Zuid", "Bennekom"]),
}
# (name pattern, kind, category, services, target groups, languages)
PROFILES = [
    ("Gemeente {m} – Geldzaken", "formeel", "Gemeente", ["Schulden", "Armoede"], [], ["Nederlands", "Engels"]),
    ("Moskee Al-Hoeda {m}", "informeel", "Moskee", ["Urgente nood", "Geldzorgen"], ["Mensen met een migratieachtergrond"], ["Nederlands", "Arabisch", "Turks"]),
    ("Diaconie Protestantse Gemeente {m}", "informeel", "Kerk", ["Geldzorgen", "Armoede"], ["Ouderen", "Gezinnen met kinderen"], ["Nederlands"]),
    ("Welzijn {m}", "formeel", "Welzijn / sociaal werk", ["Armoede", "Kinderarmoede"], ["Gezinnen met kinderen", "Jongeren"], ["Nederlands", "Engels", "Pools"]),
]
WALK_INS = [(3, "09:00", "12:00"), (1, "13:30", "16:00"), (5, "10:00", "12:30"), (2, "18:30", "20:30")]


def ensure_vocabularies():
    for name in CATEGORIES:
        OrganisationCategory.get_or_create_by_name(name)
    for name in LANGUAGES:
        Language.get_or_create_by_name(name)


def ensure_organisation(name, kind, municipality, *, category=None, services=(), target_groups=(), languages=(),
                        neighbourhood="", position=None, walk_ins=(), status=Organisation.Status.VERIFIED):
    organisation = Organisation.objects.filter(slug=slugify(name)).first()
    if organisation:
        return organisation
    organisation = Organisation(
        name=name, slug=slugify(name), kind=kind, municipality=municipality, status=status,
        category=OrganisationCategory.get_or_create_by_name(category) if category else None,
        description=f"{name} helpt inwoners van {municipality.name} met vragen over geld, schulden en rondkomen.",
        neighbourhood=neighbourhood, city=municipality.name,
        latitude=position[0] if position else None, longitude=position[1] if position else None,
    )
    organisation.services = [Theme.get_or_create_by_name(theme) for theme in services]
    organisation.target_groups = [TargetGroup.get_or_create_by_name(group) for group in target_groups]
    organisation.languages = [Language.get_or_create_by_name(language) for language in languages]
    organisation.walk_in_hours = [
        WalkInHour(weekday=day, starts=datetime.time.fromisoformat(start), ends=datetime.time.fromisoformat(end), place=place)
        for day, start, end, place in walk_ins
    ]
    organisation.save()
    return organisation


def ensure_organisations():
    ensure_vocabularies()
    almere = Municipality.get_or_create_by_name("Almere")
    alliance = []
    # The Almere alliance: a weekly Thursday-morning walk-in at the Financieel Huis, and walk-ins in
    # the library and in churches.
    for index, (name, kind) in enumerate(ORGANISATIONS):
        alliance.append(ensure_organisation(
            name, kind, almere,
            category="Migrantenorganisatie" if kind == "informeel" else "Vrijwilligersorganisatie",
            services=["Schulden", "Geldzorgen"],
            target_groups=["Caribische Nederlanders"] if kind == "informeel" else [],
            languages=["Nederlands", "Papiamento"] if kind == "informeel" else ["Nederlands"],
            neighbourhood="Stad",
            position=(52.3508 + 0.002 * index, 5.2647 + 0.003 * index),
            walk_ins=[(3, "09:00", "12:00", "Financieel Huis"), (1, "14:00", "16:00", "Bibliotheek Almere Stad")],
        ))
    for m_index, (municipality_name, (lat, lon, neighbourhoods)) in enumerate(PLACES.items()):
        municipality = Municipality.get_or_create_by_name(municipality_name)
        for p_index, (pattern, kind, category, services, groups, languages) in enumerate(PROFILES):
            day, start, end = WALK_INS[(m_index + p_index) % len(WALK_INS)]
            ensure_organisation(
                pattern.format(m=municipality_name), kind, municipality,
                category=category, services=services, target_groups=groups, languages=languages,
                neighbourhood=neighbourhoods[p_index % len(neighbourhoods)],
                position=(lat + 0.004 * (p_index - 1.5), lon + 0.005 * ((p_index * 3) % 4 - 1.5)),
                walk_ins=[(day, start, end, "")],
            )
    ensure_organisation(
        "Stichting Nieuw Begin Zwolle", "informeel", Municipality.get_or_create_by_name("Zwolle"),
        category="Vrijwilligersorganisatie", services=["Schulden"], status=Organisation.Status.AWAITING,
    )
    return alliance


# Demo people and their profiles, with every visibility: (email, first, last, organisation, role, profile role,
# expertise, visibility, bio). The first two are demo accounts above; the others cannot log in.
PEOPLE = [
    ("organisatie@kennisplatform.example", "Naomi", "Martina", "ocan-almere", "admin", "Coördinator vrijwilligers",
     ["Schulden", "Geldzorgen"], Profile.Visibility.PUBLIC,
     "Ik breng Caribische Nederlanders in Almere in contact met de schuldhulp van de gemeente."),
    ("lid@kennisplatform.example", "Latifa", "de Lid", "humanitas-almere", "member", "Vrijwilliger thuisadministratie",
     ["Schulden"], Profile.Visibility.MEMBERS,
     "Elke donderdagochtend help ik bij de inloop in het Financieel Huis."),
    ("yusuf@kennisplatform.example", "Yusuf", "Demir", "moskee-al-hoeda-almere", "admin", "Bestuurslid en sleutelfiguur",
     ["Urgente nood", "Geldzorgen"], Profile.Visibility.PUBLIC,
     "Mensen met geldzorgen komen vaak eerst bij de moskee. Ik zorg dat ze snel de juiste hulp vinden."),
    ("marieke@kennisplatform.example", "Marieke", "Bos", "diaconie-protestantse-gemeente-almere", "admin", "Diaken",
     ["Armoede"], Profile.Visibility.MEMBERS, "Ik coördineer de noodhulp van de diaconie."),
    ("pieter@kennisplatform.example", "Pieter", "Smit", "humanitas-almere", "admin", "Coördinator Humanitas Almere",
     ["Schulden"], Profile.Visibility.HIDDEN, ""),
]
# lid@ asks to join Ocan Almere, whose admin (organisatie@) sees the request; Ocan has invited a colleague.
DEMO_JOIN_REQUEST = ("lid@kennisplatform.example", "ocan-almere", "Ik wil graag meehelpen bij jullie inloop.")
DEMO_INVITATION = ("ocan-almere", "collega@kennisplatform.example", "organisatie@kennisplatform.example")


def ensure_people():
    User = get_user_model()
    for email, first, last, slug, role, job, themes, visibility, bio in PEOPLE:
        user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=Organisation.objects.get(slug=slug), defaults={"role": role})
        profile, created = Profile.objects.get_or_create(user=user, defaults={"role": job, "bio": bio, "visibility": visibility})
        if created:
            profile.expertise.set([Theme.get_or_create_by_name(theme) for theme in themes])
    email, slug, message = DEMO_JOIN_REQUEST
    organisation = Organisation.objects.get(slug=slug)
    requester = User.objects.get(email=email)
    if not JoinRequest.objects.filter(user=requester, organisation=organisation).exists():
        JoinRequest.objects.create(user=requester, organisation=organisation, message=message)
    slug, email, inviter = DEMO_INVITATION
    organisation = Organisation.objects.get(slug=slug)
    if not Invitation.objects.filter(organisation=organisation, email=email).exists():
        Invitation.objects.create(organisation=organisation, email=email, invited_by=User.objects.get(email=inviter))


def load():
    ensure_editor_groups()
    ensure_organisations()
    lines = ["", "Demo-accounts (wachtwoord voor allemaal: %s):" % DEMO_PASSWORD]
    for spec in ACCOUNTS:
        user, codes = ensure_account(spec)
        if membership := spec.get("membership"):
            slug, role = membership
            Membership.objects.get_or_create(
                user=user, organisation=Organisation.objects.get(slug=slug), defaults={"role": role}
            )
        if spec["is_superuser"]:
            role = "beheerder (Wagtail-beheer op /admin/)"
        elif spec["groups"]:
            role = "redacteur (Wagtail-beheer op /admin/)"
        elif spec.get("membership", ("", ""))[1] == "admin":
            role = "beheerder van Ocan Almere"
        else:
            role = "lid van Humanitas Almere (kan praktijkverhalen insturen)"
        lines.append(f"  {user.email:<38} {role}")
        if codes:
            lines.append(
                f"      tweede stap: TOTP-geheim {DEMO_ADMIN_TOTP_SECRET} in een authenticator-app, "
                f"of een herstelcode: {', '.join(codes[:3])}"
            )
    ensure_people()
    return lines
