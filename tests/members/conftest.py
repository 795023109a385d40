import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.taxonomy import Municipality, TargetGroup, Theme
from members.models import (
    FinderQuestion,
    Language,
    Organisation,
    OrganisationCategory,
    Service,
    SharedWalkIn,
    SharedWalkInTurn,
    WalkInChangedHour,
    WalkInChangedHours,
    WalkInClosure,
    WalkInHour,
    WalkInNotice,
)

from .locatieserver import Locatieserver

# The official HSDS 3.0 schemas, beside the project (../shared), that the API and the data package must follow.
SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "hsds-3.0"
T = datetime.time


def make(
    name,
    kind="formeel",
    municipality="Almere",
    status="verified",
    services=(),
    groups=(),
    languages=(),
    neighbourhood="",
    category=None,
    walk_ins=(),
):
    organisation = Organisation.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        kind=kind,
        status=status,
        neighbourhood=neighbourhood,
        municipality=Municipality.get_or_create_by_name(municipality),
        category=OrganisationCategory.get_or_create_by_name(category) if category else None,
    )
    organisation.services.set([Theme.get_or_create_by_name(n) for n in services])
    organisation.target_groups.set([TargetGroup.get_or_create_by_name(n) for n in groups])
    organisation.languages.set([Language.get_or_create_by_name(n) for n in languages])
    organisation.save()  # parental many-to-many values are stored on save
    for day, start, end in walk_ins:
        WalkInHour.objects.create(organisation=organisation, weekday=day, starts=start, ends=end)
    return organisation


def question(text="Ik heb schulden", slug="schulden", themes=("Schulden",)):
    """A finder question as editors set it up."""
    finder_question = FinderQuestion.objects.create(text=text, slug=slug)
    finder_question.themes.set([Theme.get_or_create_by_name(name) for name in themes])
    return finder_question


@pytest.fixture
def social_map(db):
    question()
    make(
        "Ocan Almere",
        "informeel",
        services=["Schulden"],
        groups=["Caribische Nederlanders"],
        languages=["Papiamento"],
        neighbourhood="Stad",
        category="Migrantenorganisatie",
        walk_ins=[(3, datetime.time(9), datetime.time(12))],
    )
    make(
        "Gemeente Almere",
        services=["Schulden", "Armoede"],
        neighbourhood="Stad",
        category="Gemeente",
        walk_ins=[(1, datetime.time(13), datetime.time(16))],
    )
    make(
        "Moskee Rotterdam",
        "informeel",
        municipality="Rotterdam",
        services=["Urgente nood"],
        languages=["Arabisch"],
        category="Moskee",
    )
    make(
        "Nog niet geverifieerd",
        services=["Schulden"],
        status="awaiting",
        walk_ins=[(3, datetime.time(9), datetime.time(12))],
    )


@pytest.fixture
def locatieserver(settings):
    """The local stand-in of PDOK's Locatieserver, as the site's geocoder (empty geocoding cache around it)."""
    cache.clear()
    with Locatieserver() as stand_in:
        settings.GEOCODER_URL = stand_in.url
        settings.GEOCODER_TIMEOUT = 0.5
        yield stand_in
    cache.clear()


@pytest.fixture
def hsds_map(social_map):
    """The social map with described services, an address, walk-in exceptions and a shared walk-in."""
    today = timezone.localdate()
    ocan = Organisation.objects.get(name="Ocan Almere")
    Organisation.objects.filter(pk=ocan.pk).update(
        address="Stationsplein 1",
        postcode="1315 AB",
        city="Almere Stad",
        latitude="52.375000",
        longitude="5.218000",
        phone="036 123 4567",
        email="info@ocan.example",
        is_free=True,
        walk_in=True,
        wheelchair=True,
        accessibility="Drempelvrije ingang aan de achterkant.",
    )
    ocan.refresh_from_db()
    spreekuur = Service.objects.create(
        organisation=ocan,
        name="Schuldhulp spreekuur",
        description="Samen uw post doornemen en een plan maken.",
        eligibility="Iedereen in Almere met geldzorgen.",
        required_documents="Loonstrook\n- Brieven van schuldeisers",
        interpreter=True,
    )
    spreekuur.themes.set(ocan.services.all())
    spreekuur.target_groups.set(ocan.target_groups.all())
    spreekuur.languages.set(
        [Language.get_or_create_by_name("Nederlands"), Language.get_or_create_by_name("Papiamento")]
    )
    WalkInClosure.objects.create(
        organisation=ocan,
        starts=today + datetime.timedelta(days=20),
        ends=today + datetime.timedelta(days=27),
        reason="Kerst",
    )
    ramadan = WalkInChangedHours.objects.create(
        organisation=ocan, starts=today, ends=today + datetime.timedelta(days=29), reason="Ramadan"
    )
    WalkInChangedHour.objects.create(period=ramadan, weekday=2, starts=T(20), ends=T(22))
    WalkInNotice.objects.create(
        organisation=ocan, starts=today, ends=today + datetime.timedelta(days=3), text="Deze week geen inloop"
    )

    gemeente = Organisation.objects.get(name="Gemeente Almere")
    Organisation.objects.filter(pk=gemeente.pk).update(address="Stadhuisplein 1", postcode="1315 HR", city="Almere")
    gemeente.refresh_from_db()
    bijstand = Service.objects.create(
        organisation=gemeente,
        name="Bijzondere bijstand",
        is_free=False,
        fees="Geen kosten voor de aanvraag; wel een eigen bijdrage.",
        by_appointment=True,
    )
    bijstand.themes.set(gemeente.services.filter(name="Armoede"))

    moskee = Organisation.objects.get(name="Moskee Rotterdam")
    Service.objects.create(organisation=moskee, name="Voedselpakketten", by_referral=True)

    hidden = Organisation.objects.get(name="Nog niet geverifieerd")
    Service.objects.create(organisation=hidden, name="Geheime dienst", walk_in=True)

    huis = SharedWalkIn.objects.create(
        name="Financieel Huis Almere",
        slug="financieel-huis-almere",
        address="Grote Markt 1",
        municipality=gemeente.municipality,
    )
    huis.partners.set([ocan, gemeente])
    huis.save()
    SharedWalkInTurn.objects.create(
        walk_in=huis, organisation=ocan, weekday=1, week_of_month=2, starts=T(10), ends=T(12)
    )
    SharedWalkInTurn.objects.create(walk_in=huis, organisation=gemeente, weekday=3, starts=T(13), ends=T(15))
    return {"ocan": ocan, "gemeente": gemeente, "moskee": moskee, "spreekuur": spreekuur, "bijstand": bijstand}
