"""Demo accounts and organisations. The passwords are public: never load them on a production site."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from core.taxonomy import Municipality, TargetGroup, Theme

from .demo_organisations import (
    ALLIANCE,
    BY_PLACE,
    FINDER_QUESTIONS,
    HELP,
    NATIONAL_HELP,
    NEARBY,
    NEARBY_PLACES,
    PLACES,
)
from .models import (
    FinderQuestion,
    Invitation,
    JoinRequest,
    Language,
    Membership,
    NationalHelp,
    Organisation,
    OrganisationCategory,
    Profile,
    Service,
    SharedWalkIn,
    SharedWalkInTurn,
    WalkInChangedHour,
    WalkInChangedHours,
    WalkInClosure,
    WalkInHour,
    WalkInNotice,
)

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
        for app_label, models in (
            ("members", ("organisation", "organisationcategory", "language", "finderquestion", "nationalhelp")),
            ("core", ("theme", "targetgroup", "municipality")),
        )
        for model in models
    ]
    # newsletters/migrations/0002: editors send newsletters, moderators only compose them.
    + [("newsletters", "newsletter", (*ALL_ACTIONS, "send")), ("members", "profileclaim", ("view", "change"))],
    "Moderators": [
        ("members", "organisation", ("view", "change")),
        ("members", "profileclaim", ("view", "change")),
        ("newsletters", "newsletter", ("view", "add", "change")),
    ],
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
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
                )
            )
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
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
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


CATEGORIES = [
    "Gemeente",
    "Noodhulpbureau",
    "Schuldhulpverlening",
    "Welzijn / sociaal werk",
    "Vrijwilligersorganisatie",
    "Moskee",
    "Kerk",
    "Migrantenorganisatie",
    "Sleutelfigurennetwerk",
    "Kennisinstituut",
    "Fonds",
]
LANGUAGES = ["Nederlands", "Engels", "Arabisch", "Turks", "Papiamento", "Tigrinya", "Pools"]


def ensure_vocabularies():
    for name in CATEGORIES:
        OrganisationCategory.get_or_create_by_name(name)
    for name in LANGUAGES:
        Language.get_or_create_by_name(name)


def ensure_organisation(spec, municipality, *, position=None, status=Organisation.Status.VERIFIED):
    name = spec["name"]
    organisation = Organisation.objects.filter(slug=slugify(name)).first()
    if organisation:
        return organisation
    organisation = Organisation(
        name=name,
        slug=slugify(name),
        kind=spec["kind"],
        municipality=municipality,
        status=status,
        category=OrganisationCategory.get_or_create_by_name(spec["category"]) if spec.get("category") else None,
        description=spec.get("description", ""),
        neighbourhood=spec.get("neighbourhood", ""),
        address=spec.get("address", ""),
        postcode=spec.get("postcode", ""),
        city=municipality.name,
        phone=spec.get("phone", ""),
        email=spec.get("email", ""),
        website=spec.get("website", ""),
        latitude=position[0] if position else None,
        longitude=position[1] if position else None,
    )
    organisation.services = [Theme.get_or_create_by_name(theme) for theme in spec.get("services", [])]
    organisation.target_groups = [TargetGroup.get_or_create_by_name(group) for group in spec.get("target_groups", [])]
    organisation.languages = [Language.get_or_create_by_name(language) for language in spec.get("languages", [])]
    organisation.walk_in_hours = [
        WalkInHour(
            weekday=day, starts=datetime.time.fromisoformat(start), ends=datetime.time.fromisoformat(end), place=place
        )
        for day, start, end, place in spec.get("walk_ins", [])
    ]
    organisation.save()
    return organisation


def spread(centre, index):
    """A position near the municipality's centre, different for each organisation, for the map."""
    lat, lon = centre
    return (round(lat + 0.004 * ((index % 4) - 1.5), 6), round(lon + 0.005 * (((index * 3) % 5) - 2), 6))


def ensure_organisations():
    ensure_vocabularies()
    almere = Municipality.get_or_create_by_name("Almere")
    alliance = [
        ensure_organisation(spec, almere, position=(52.3708 + 0.002 * index, 5.2147 + 0.003 * index))
        for index, spec in enumerate(ALLIANCE)
    ]
    for municipality_name, specs in BY_PLACE.items():
        municipality = Municipality.get_or_create_by_name(municipality_name)
        for index, spec in enumerate(specs):
            ensure_organisation(spec, municipality, position=spread(PLACES[municipality_name], index))
    for municipality_name, specs in NEARBY.items():
        municipality = Municipality.get_or_create_by_name(municipality_name)
        for index, spec in enumerate(specs):
            ensure_organisation(spec, municipality, position=spread(NEARBY_PLACES[municipality_name], index))
    ensure_organisation(
        {
            "name": "Stichting Nieuw Begin Zwolle",
            "kind": "informeel",
            "category": "Vrijwilligersorganisatie",
            "services": ["Schulden"],
            "description": "Ervaringsdeskundigen die mensen na een schuldregeling helpen.",
        },
        Municipality.get_or_create_by_name("Zwolle"),
        status=Organisation.Status.AWAITING,
    )
    return alliance


def ensure_help():
    """The how-to-get-help facts and the services of the organisations in HELP, once (checked by the models'
    rules); an organisation that already has services is left as it is."""
    for slug, spec in HELP.items():
        organisation = Organisation.objects.get(slug=slug)
        if organisation.help_services.exists():
            continue
        for name, value in spec["facts"].items():
            setattr(organisation, name, value)
        organisation.clean()
        Organisation.objects.filter(pk=organisation.pk).update(**spec["facts"])
        for position, service_spec in enumerate(spec["services"]):
            fields = {
                key: value for key, value in service_spec.items() if key not in {"themes", "target_groups", "languages"}
            }
            service = Service(organisation=organisation, sort_order=position, **fields)
            service.full_clean()
            service.save()
            service.themes.set([Theme.get_or_create_by_name(name) for name in service_spec.get("themes", [])])
            service.target_groups.set(
                [TargetGroup.get_or_create_by_name(name) for name in service_spec.get("target_groups", [])]
            )
            service.languages.set([Language.get_or_create_by_name(name) for name in service_spec.get("languages", [])])


def ensure_finder():
    """The finder's questions and the national help, once; editors change them in the admin afterwards."""
    for position, (text, slug, themes) in enumerate(FINDER_QUESTIONS):
        question, created = FinderQuestion.objects.get_or_create(
            slug=slug, defaults={"text": text, "sort_order": position}
        )
        if created:
            question.themes.set([Theme.get_or_create_by_name(theme) for theme in themes])
    for position, spec in enumerate(NATIONAL_HELP):
        spec = dict(spec)
        slugs = spec.pop("questions")
        help_entry, created = NationalHelp.objects.get_or_create(
            name=spec.pop("name"), defaults={**spec, "sort_order": position}
        )
        if created:
            help_entry.questions.set(FinderQuestion.objects.filter(slug__in=slugs))


# Demo people and their profiles, with every visibility: (email, first, last, organisation, role, profile role,
# expertise, visibility, bio). The first two are demo accounts above; the others cannot log in.
PEOPLE = [
    (
        "organisatie@kennisplatform.example",
        "Naomi",
        "Martina",
        "ocan-almere",
        "admin",
        "Coördinator vrijwilligers",
        ["Schulden", "Geldzorgen"],
        Profile.Visibility.PUBLIC,
        "Ik breng Caribische Nederlanders in Almere in contact met de schuldhulp van de gemeente.",
    ),
    (
        "lid@kennisplatform.example",
        "Latifa",
        "de Lid",
        "humanitas-almere",
        "member",
        "Vrijwilliger thuisadministratie",
        ["Schulden"],
        Profile.Visibility.MEMBERS,
        "Elke donderdagochtend help ik bij de inloop in het Financieel Huis.",
    ),
    (
        "yusuf@kennisplatform.example",
        "Yusuf",
        "Demir",
        "moskee-al-hoeda-almere",
        "admin",
        "Bestuurslid en sleutelfiguur",
        ["Urgente nood", "Geldzorgen"],
        Profile.Visibility.PUBLIC,
        "Mensen met geldzorgen komen vaak eerst bij de moskee. Ik zorg dat ze snel de juiste hulp vinden.",
    ),
    (
        "marieke@kennisplatform.example",
        "Marieke",
        "Bos",
        "diaconie-protestantse-gemeente-almere",
        "admin",
        "Diaken",
        ["Armoede"],
        Profile.Visibility.MEMBERS,
        "Ik coördineer de noodhulp van de diaconie.",
    ),
    (
        "pieter@kennisplatform.example",
        "Pieter",
        "Smit",
        "humanitas-almere",
        "admin",
        "Coördinator Humanitas Almere",
        ["Schulden"],
        Profile.Visibility.HIDDEN,
        "",
    ),
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
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(slug=slug), defaults={"role": role}
        )
        profile, created = Profile.objects.get_or_create(
            user=user, defaults={"role": job, "bio": bio, "visibility": visibility}
        )
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


def christmas(today):
    """This year's Christmas break, or next year's once it is over."""
    year = today.year if today < datetime.date(today.year, 12, 31) else today.year + 1
    return datetime.date(year, 12, 24), datetime.date(year, 12, 31)


def ensure_walk_in_exceptions(today=None):
    """A Christmas closure, Ramadan-like evening hours at the mosque, a notice, and a shared Financieel Huis:
    so a visitor sees the exceptions on the profiles, and "open nu" reflect them."""
    today = today or timezone.localdate()
    humanitas = Organisation.objects.get(slug="humanitas-almere")
    starts, ends = christmas(today)
    WalkInClosure.objects.get_or_create(
        organisation=humanitas, starts=starts, defaults={"ends": ends, "reason": "Kerstvakantie"}
    )
    mosque = Organisation.objects.get(slug="moskee-al-hoeda-almere")
    if not mosque.walk_in_changes.exists():
        # Starts today so the demo always shows it; real Ramadan dates are entered by the mosque each year.
        period = WalkInChangedHours.objects.create(
            organisation=mosque, starts=today, ends=today + datetime.timedelta(days=29), reason="Ramadan"
        )
        for weekday in (0, 2, 4):
            WalkInChangedHour.objects.create(
                period=period, weekday=weekday, starts=datetime.time(20, 30), ends=datetime.time(22)
            )
    ocan = Organisation.objects.get(slug="ocan-almere")
    if not ocan.walk_in_notices.exists():
        WalkInNotice.objects.create(
            organisation=ocan,
            starts=today,
            ends=today + datetime.timedelta(days=6),
            text="Deze week geen inloop op donderdag: kom op vrijdag.",
        )
    house, created = SharedWalkIn.objects.get_or_create(
        slug="financieel-huis-almere",
        defaults={
            "name": "Financieel Huis Almere",
            "description": "Eén plek voor vragen over geld. Drie organisaties houden om beurten spreekuur.",
            "address": "Stadhuisplein 1",
            "postcode": "1315 HR",
            "city": "Almere",
            "municipality": humanitas.municipality,
        },
    )
    if created:
        partners = {
            slug: Organisation.objects.get(slug=slug)
            for slug in ("humanitas-almere", "schuldhulpmaatje-almere", "gemeente-almere-geldloket")
        }
        house.partners.set(partners.values())
        house.save()
        turns = [
            ("humanitas-almere", 1, None, "09:30", "12:00"),
            ("schuldhulpmaatje-almere", 3, 1, "13:00", "16:00"),
            ("schuldhulpmaatje-almere", 3, 3, "13:00", "16:00"),
            ("gemeente-almere-geldloket", 3, SharedWalkInTurn.Week.LAST, "13:00", "16:00"),
        ]
        for slug, weekday, week, opens, closes in turns:
            SharedWalkInTurn.objects.create(
                walk_in=house,
                organisation=partners[slug],
                weekday=weekday,
                week_of_month=week,
                starts=datetime.time.fromisoformat(opens),
                ends=datetime.time.fromisoformat(closes),
            )


def load():
    ensure_editor_groups()
    ensure_organisations()
    ensure_walk_in_exceptions()
    ensure_help()
    ensure_finder()
    lines = ["", f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):"]
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
