import datetime

import pytest
from django.core.cache import cache

from core.taxonomy import Municipality, TargetGroup, Theme
from members.models import FinderQuestion, Language, Organisation, OrganisationCategory, WalkInHour

from .locatieserver import Locatieserver


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
