"""The finder's postcode or place field: results within a distance, nearest first; the municipality still works
when the geocoder is down or does not know the place."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from members.models import Organisation
from tests.members.conftest import make, question

pytestmark = pytest.mark.django_db

URL = "/sociale-kaart/waar-kan-ik-terecht/"


@pytest.fixture
def places(db):
    question("Ik heb schulden", "schulden", ["Schulden"])
    question("Ik heb te weinig geld", "armoede", ["Armoede"])
    for name, kind, latitude, longitude, municipality, themes in [
        ("Lelystad Schuldhulp", "formeel", "52.518500", "5.471400", "Lelystad", ["Schulden"]),
        ("Stad Moskee", "informeel", "52.370000", "5.216700", "Almere", ["Schulden"]),
        ("Haven Kerk", "informeel", "52.340000", "5.150000", "Almere", ["Schulden"]),
        ("Centrum Loket", "formeel", "52.351000", "5.265000", "Almere", ["Schulden"]),
        ("Zeewolde Hulp", "formeel", "52.330000", "5.540000", "Zeewolde", ["Schulden"]),
        ("Alleen Armoede", "formeel", "52.370500", "5.217000", "Almere", ["Armoede"]),
    ]:
        organisation = make(name, kind, municipality=municipality, services=themes)
        Organisation.objects.filter(pk=organisation.pk).update(latitude=Decimal(latitude), longitude=Decimal(longitude))


def grouped(response):
    results = response.context["results"]
    return {kind: [o.name for o in results[kind]] for kind in ("informeel", "formeel")}


def test_a_postcode_finds_help_nearby_across_municipalities_nearest_first(client, places, locatieserver):
    response = client.get(URL, {"vraag": "schulden", "dichtbij": "1315ab", "straal": "10"})
    assert grouped(response) == {"informeel": ["Stad Moskee", "Haven Kerk"], "formeel": ["Centrum Loket"]}
    html = response.content.decode()
    assert "Hulp binnen 10 km van 1315ab: Ik heb schulden" in html
    assert "Afstand: 0,0 km" in html and "Afstand: 3,9 km" in html and "Afstand: 5,6 km" in html
    assert "Kies uw vraag en uw gemeente." not in html
    # A wider radius reaches over the municipal border (Zeewolde, Lelystad), still nearest first.
    wide = grouped(client.get(URL, {"vraag": "schulden", "dichtbij": "1315 AB", "straal": "25"}))
    assert wide["formeel"] == ["Centrum Loket", "Zeewolde Hulp", "Lelystad Schuldhulp"]


def test_the_default_radius_is_ten_km_and_a_municipality_narrows_further(client, places, locatieserver):
    response = client.get(URL, {"vraag": "schulden", "dichtbij": "Lelystad", "straal": "12"})
    assert response.context["nearby"].radius_km == 10
    assert grouped(response) == {"informeel": [], "formeel": ["Lelystad Schuldhulp"]}
    both = client.get(URL, {"vraag": "schulden", "dichtbij": "1315 AB", "straal": "25", "gemeente": "almere"})
    assert grouped(both) == {"informeel": ["Stad Moskee", "Haven Kerk"], "formeel": ["Centrum Loket"]}
    assert "Hulp in Almere, binnen 25 km van 1315 AB: Ik heb schulden" in both.content.decode()


def test_the_browser_location_is_used_rounded_and_not_sent_to_the_geocoder(client, places, locatieserver):
    response = client.get(URL, {"vraag": "schulden", "lat": "52.35123", "lon": "5.26499", "straal": "1"})
    assert grouped(response) == {"informeel": [], "formeel": ["Centrum Loket"]}
    assert "Hulp binnen 1 km van uw locatie" in response.content.decode()
    assert locatieserver.requests == []


def test_nothing_nearby_says_so_and_shows_national_help(client, places, locatieserver):
    response = client.get(URL, {"vraag": "armoede", "dichtbij": "Lelystad", "straal": "10"})
    assert not response.context["local_found"]
    assert "We kennen binnen 10 km van Lelystad nog geen organisaties die hierbij helpen." in response.content.decode()


def test_geocoder_down_gives_a_message_and_the_municipality_still_works(client, places, settings):
    settings.GEOCODER_URL = "http://127.0.0.1:9/free"
    cache.clear()
    response = client.get(URL, {"vraag": "schulden", "dichtbij": "1315 AB", "gemeente": "almere"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We konden “1315 AB” niet vinden." in html and "of kies uw gemeente" in html
    assert grouped(response) == {"informeel": ["Haven Kerk", "Stad Moskee"], "formeel": ["Centrum Loket"]}
    # Without a municipality there is nothing to show but the message; no other error, no 500.
    alone = client.get(URL, {"vraag": "schulden", "dichtbij": "1315 AB"})
    assert alone.status_code == 200 and "results" not in alone.context
    assert "We konden “1315 AB” niet vinden." in alone.content.decode()
    assert 'aria-invalid="true"' in alone.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"dichtbij": "Atlantis"},
        {"dichtbij": "x" * 5000},
        {"dichtbij": "<script>"},
        {"lat": "1e308", "lon": "5.2"},
        {"lat": "nan", "lon": "inf"},
        {"lat": "52.3"},
        {"straal": "-1"},
        {"straal": "1e9", "lat": "", "lon": ""},
    ],
)
def test_bad_input_never_fails_and_the_municipality_keeps_working(client, places, locatieserver, params):
    response = client.get(URL, {"vraag": "schulden", "gemeente": "lelystad", **params})
    assert response.status_code == 200
    assert grouped(response)["formeel"] == ["Lelystad Schuldhulp"]


def test_without_question_or_place_the_old_error_stays(client, places, locatieserver):
    response = client.get(URL, {"dichtbij": "1315 AB"})
    assert "Kies uw vraag en uw gemeente." in response.content.decode()
    assert "results" not in response.context
