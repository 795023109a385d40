from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Organisation
from tests.members.conftest import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    for name, latitude, longitude, municipality in [
        ("Lelystad Hulp", "52.518500", "5.471400", "Lelystad"),
        ("Stad Hulp", "52.370000", "5.216700", "Almere"),
        ("Haven Hulp", "52.340000", "5.150000", "Almere"),
        ("Centrum Hulp", "52.351000", "5.265000", "Almere"),
    ]:
        organisation = make(name, municipality=municipality)
        Organisation.objects.filter(pk=organisation.pk).update(latitude=Decimal(latitude), longitude=Decimal(longitude))


def names(response):
    return [organisation.name for organisation in response.context["page_obj"].object_list]


def test_postcode_search_sorts_by_distance_and_shows_it(client, places, locatieserver):
    response = client.get("/sociale-kaart/", {"dichtbij": "1315ab", "straal": "10"})
    assert names(response) == ["Stad Hulp", "Centrum Hulp", "Haven Hulp"]
    assert "Afstand: 0,0 km" in response.content.decode()
    assert "Afstand: 3,9 km" in response.content.decode()


def test_radius_and_other_filters_combine(client, places, locatieserver):
    assert names(client.get("/sociale-kaart/", {"dichtbij": "Almere", "straal": "25"}))[-1] == "Lelystad Hulp"
    assert names(client.get("/sociale-kaart/", {"dichtbij": "Almere", "straal": "25", "gemeente": "almere"})) == [
        "Centrum Hulp",
        "Stad Hulp",
        "Haven Hulp",
    ]


def test_markers_follow_the_distance_filter(client, places, locatieserver):
    features = client.get("/sociale-kaart/kaart.geojson", {"dichtbij": "1315 AB", "straal": "5"}).json()["features"]
    assert sorted(feature["properties"]["name"] for feature in features) == ["Centrum Hulp", "Stad Hulp"]


def test_browser_location_is_rounded_and_used(client, places, locatieserver):
    response = client.get("/sociale-kaart/", {"lat": "52.35123456", "lon": "5.26498765", "straal": "1"})
    assert names(response) == ["Centrum Hulp"]
    assert response.context["filters"].point == (52.351, 5.265)
    assert locatieserver.requests == []  # a browser location is never sent to the geocoder


@pytest.mark.parametrize(
    "params",
    [
        {"dichtbij": "Atlantis"},
        {"dichtbij": "🏠" * 50},
        {"dichtbij": "x" * 5000},
        {"lat": "1e308", "lon": "5.2"},
        {"lat": "nan", "lon": "inf"},
        {"lat": "52.3"},
        {"dichtbij": "Almere", "straal": "-1"},
    ],
)
def test_bad_input_gives_a_message_and_the_other_filters_still_work(client, places, locatieserver, params):
    response = client.get("/sociale-kaart/", {**params, "gemeente": "lelystad"})
    assert response.status_code == 200
    assert names(response) == ["Lelystad Hulp"] or params.get("straal") == "-1"


def test_unknown_place_gives_a_dutch_message(client, places, locatieserver):
    response = client.get("/sociale-kaart/", {"dichtbij": "Atlantis", "gemeente": "almere"})
    assert "We konden “Atlantis” niet vinden." in response.content.decode()
    assert names(response) == ["Centrum Hulp", "Haven Hulp", "Stad Hulp"]


def test_service_down_leaves_municipality_filters(client, places, settings):
    settings.GEOCODER_URL = "http://127.0.0.1:9/free"
    cache.clear()
    response = client.get("/sociale-kaart/", {"dichtbij": "1315 AB", "gemeente": "lelystad"})
    assert response.status_code == 200
    assert names(response) == ["Lelystad Hulp"]


def test_query_count_does_not_grow_with_results(client, places, locatieserver):
    client.get("/sociale-kaart/", {"dichtbij": "1315 AB"})  # warm the geocoding cache
    counts = {}
    for radius in ("1", "25"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/sociale-kaart/", {"dichtbij": "1315 AB", "straal": radius})
        counts[radius] = (len(names(response)), len(queries))
    assert counts["1"][0] < counts["25"][0] == 4
    assert counts["1"][1] == counts["25"][1]
