"""Property-based tests (hypothesis) for the query-string parsing of the list filters: the library, the
agenda and the social map. Whatever the query string, the filters keep only values they understand,
narrow the list and never add to it, each facet count is what choosing that option gives, and the page
answers without a server error."""

import datetime
import re

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.taxonomy import Municipality
from events.filters import EventFilters
from events.models import EventPage
from library.filters import LibraryFilters, material
from library.models.pages import KIND_MODELS
from members.models import Organisation
from members.socialmap import SocialMapFilters
from tests.events.factories import EventPageFactory, agenda
from tests.factories import GuidePageFactory, StoryPageFactory, ThemeFactory
from tests.members.conftest import make

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def values(known):
    """Known values, their near misses and any text (control characters and NUL included)."""
    return st.one_of(st.sampled_from(known), st.sampled_from(known).map(str.upper), st.text(max_size=30))


def query_strings(params):
    return st.dictionaries(
        st.sampled_from(list(params)), st.lists(values(sum(params.values(), [])), max_size=25), max_size=len(params)
    )


def query_dict(data):
    query = QueryDict(mutable=True)
    for name, items in data.items():
        query.setlist(name, items)
    return query


def check_response(response, data):
    # A NUL in the query string is refused by Django itself with 400; anything else is answered.
    has_nul = any("\x00" in value for items in data.values() for value in items)
    assert response.status_code == (400 if has_nul else 200)


@pytest.fixture
def library(home):
    themes = [ThemeFactory(name="Schulden", slug="schulden"), ThemeFactory(name="Armoede", slug="armoede")]
    almere = Municipality.objects.get(name="Almere")
    StoryPageFactory(title="Inloop", themes=themes[:1], municipality=almere, published=datetime.date(2024, 3, 4))
    StoryPageFactory(title="Voedselbank", themes=themes, published=datetime.date(2023, 5, 6))
    GuidePageFactory(title="Privacy", themes=themes[1:], municipality=almere, published=datetime.date(2024, 1, 1))


LIBRARY = {
    "soort": list(KIND_MODELS),
    "thema": ["schulden", "armoede", "onbekend"],
    "doelgroep": ["jongeren"],
    "gemeente": ["almere", "utrecht"],
    "organisatie": ["humanitas"],
    "jaar": ["2024", "2023", "²⁰²⁴", "24"],
}


@PROPERTIES
@given(data=query_strings(LIBRARY))
def test_library_filters(client, library, data):
    filters = LibraryFilters(query_dict(data))
    assert all(kind in KIND_MODELS for kind in filters.selected["soort"])
    assert all(re.fullmatch(r"[0-9]{4}", year) for year in filters.selected["jaar"])
    assert all(len(chosen) <= filters.max_values for chosen in filters.selected.values())
    everything = set(material().values_list("pk", flat=True))
    found = set(filters.apply(material()).values_list("pk", flat=True))
    assert found <= everything
    for facet in filters.facets(material()):
        for option in facet.options:
            # Choosing an option alone in its filter gives exactly the count it showed.
            narrowed = query_dict(data)
            narrowed.setlist(facet.param, [option.value])
            assert LibraryFilters(narrowed).apply(material()).count() == option.count, (facet.param, option)
    check_response(client.get("/bibliotheek/", query_dict(data)), data)


@pytest.fixture
def events(home):
    agenda()
    theme = ThemeFactory(name="Schulden", slug="schulden")
    EventPageFactory(title="Online", themes=[theme], format=EventPage.Format.ONLINE)
    EventPageFactory(title="Op locatie")


AGENDA = {
    "thema": ["schulden", "armoede"],
    "gemeente": ["almere"],
    "vorm": ["online", "locatie", "hybride"],
    "maand": ["2026-12", "2027-01", "2026-13", "0000-00", "2026-1"],
}


@PROPERTIES
@given(data=query_strings(AGENDA))
def test_agenda_filters(client, events, data):
    filters = EventFilters(query_dict(data))
    assert all(value in EventPage.Format.values for value in filters.selected["vorm"])
    base = EventPage.objects.live()
    assert set(filters.apply(base).values_list("pk", flat=True)) <= set(base.values_list("pk", flat=True))
    filters.facets(base)
    check_response(client.get("/agenda/", query_dict(data)), data)


@pytest.fixture
def organisations(db):
    make(
        "Ocan Almere",
        "informeel",
        services=["Schulden"],
        languages=["Papiamento"],
        neighbourhood="Stad",
        walk_ins=[(3, datetime.time(9), datetime.time(12))],
    )
    make("Gemeente Almere", services=["Schulden", "Armoede"], neighbourhood="Stad")
    make("Moskee Rotterdam", "informeel", municipality="Rotterdam", languages=["Arabisch"])


SOCIAL_MAP = {
    "gemeente": ["almere", "rotterdam"],
    "wijk": ["Stad", "stad"],
    "soort": ["formeel", "informeel"],
    "categorie": ["gemeente"],
    "hulp": ["schulden"],
    "doelgroep": ["ouderen"],
    "taal": ["arabisch"],
    "open": ["nu", "week", "altijd"],
    "toegang": ["gratis", "tolk", "rolstoel", "overal"],
    "q": ["ocan", "%", "_", "'"],
}


@PROPERTIES
@given(data=query_strings(SOCIAL_MAP))
def test_social_map_filters(client, organisations, data):
    filters = SocialMapFilters(query_dict(data))
    assert all(value in Organisation.Kind.values for value in filters.selected["soort"])
    assert len(filters.selected["open"]) <= 1
    assert set(filters.selected["toegang"]) <= {"gratis", "tolk", "rolstoel"}
    base = Organisation.objects.public()
    assert set(filters.apply(base).values_list("pk", flat=True)) <= set(base.values_list("pk", flat=True))
    filters.facets(base)
    check_response(client.get("/sociale-kaart/", query_dict(data)), data)
    check_response(client.get("/api/v1/organisations/", query_dict(data)), data)
