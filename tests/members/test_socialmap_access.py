"""The social map's "Zo krijgt u hulp" filter (toegang) and the facts on its list cards.

An organisation offers a fact when it says so for all its help or when one of its services says so."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Service

from .conftest import make, question

pytestmark = pytest.mark.django_db

URL = "/sociale-kaart/"


def names(response):
    return [organisation.name for organisation in response.context["page_obj"].object_list]


def counts(response):
    return {o.value: o.count for f in response.context["facets"] if f.param == "toegang" for o in f.options}


def organisation(name, services=(), municipality="Almere", position=None, **facts):
    """A verified organisation with organisation-wide facts and services with their own facts."""
    made = make(name, municipality=municipality)
    made.latitude, made.longitude = position or (None, None)
    for field, value in facts.items():
        setattr(made, field, value)
    made.save()
    for index, service_facts in enumerate(services):
        Service.objects.create(organisation=made, name=f"Dienst {index}", **service_facts)
    return made


@pytest.fixture
def access():
    # Facts for all its help.
    organisation(
        "Buurthuis Alles", position=("52.37", "5.21"), is_free=True, walk_in=True, interpreter=True, wheelchair=True
    )
    # Facts only in one of its services; the other service says no.
    organisation(
        "Schuldhulp Diensten",
        services=[
            {"by_phone": True, "by_appointment": True, "is_free": True},
            {"by_referral": True, "is_free": False, "fees": "€ 10 per gesprek", "wheelchair": False},
        ],
    )
    # Says no, or nothing.
    organisation("Kerk Niets", position=("52.36", "5.22"), is_free=False, fees="Een vrijwillige gift", walk_in=False)
    organisation(
        "Moskee Rotterdam",
        municipality="Rotterdam",
        position=("51.92", "4.48"),
        walk_in=True,
        services=[{"interpreter": True}],
    )
    make("Nog niet geverifieerd", status="awaiting").help_services.create(name="Inloop", walk_in=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("gratis", ["Buurthuis Alles", "Schuldhulp Diensten"]),
        ("inloop", ["Buurthuis Alles", "Moskee Rotterdam"]),
        ("bellen", ["Schuldhulp Diensten"]),
        ("afspraak", ["Schuldhulp Diensten"]),
        ("verwijzing", ["Schuldhulp Diensten"]),
        ("tolk", ["Buurthuis Alles", "Moskee Rotterdam"]),
        ("rolstoel", ["Buurthuis Alles"]),
    ],
)
def test_each_access_value_finds_organisations_that_or_whose_services_offer_it(client, access, value, expected):
    response = client.get(URL, {"toegang": value})
    assert names(response) == expected
    assert response.context["filters"].active


def test_counts_per_value_follow_the_other_filters(client, access):
    everywhere = counts(client.get(URL))
    assert everywhere == {
        "gratis": 2,
        "inloop": 2,
        "bellen": 1,
        "afspraak": 1,
        "verwijzing": 1,
        "tolk": 2,
        "rolstoel": 1,
    }
    response = client.get(URL, {"gemeente": "rotterdam", "toegang": "tolk"})
    assert names(response) == ["Moskee Rotterdam"]
    assert counts(response) == {
        "gratis": 0,
        "inloop": 1,
        "bellen": 0,
        "afspraak": 0,
        "verwijzing": 0,
        "tolk": 1,
        "rolstoel": 0,
    }
    # The facet counts its values without its own filter; the municipality facet counts with it.
    municipalities = {o.value: o.count for f in response.context["facets"] if f.param == "gemeente" for o in f.options}
    assert municipalities["almere"] == 1 and municipalities["rotterdam"] == 1


def test_values_of_the_filter_combine_with_or_and_unknown_values_are_ignored(client, access):
    assert names(client.get(URL, {"toegang": ["bellen", "rolstoel"]})) == ["Buurthuis Alles", "Schuldhulp Diensten"]
    response = client.get(URL, {"toegang": ["overal", "rolstoel", "rolstoel"]})
    assert response.status_code == 200
    assert names(response) == ["Buurthuis Alles"]
    assert response.context["filters"].selected["toegang"] == ["rolstoel"]
    assert names(client.get(URL, {"toegang": "\x01"})) == [
        "Buurthuis Alles",
        "Kerk Niets",
        "Moskee Rotterdam",
        "Schuldhulp Diensten",
    ]


def test_the_filter_shows_in_the_panel_and_in_the_markers(client, access):
    html = client.get(URL).content.decode()
    assert "Zo krijgt u hulp" in html
    assert 'name="toegang" value="rolstoel"' in html and "Rolstoeltoegankelijk" in html
    features = client.get("/sociale-kaart/kaart.geojson", {"toegang": "inloop"}).json()["features"]
    assert [feature["properties"]["name"] for feature in features] == ["Buurthuis Alles", "Moskee Rotterdam"]
    api = client.get("/api/v1/organisations/", {"toegang": "bellen"}).json()
    assert [o["name"] for o in api["contents"]] == ["Schuldhulp Diensten"]


def test_query_count_does_not_grow_with_organisations_or_services(client, access):
    client.get(URL, {"toegang": "gratis"})  # warm the caches the first request fills
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"toegang": "gratis"})
    for index in range(6):
        organisation(f"Extra {index}", is_free=True, services=[{"walk_in": True}, {"wheelchair": True}])
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"toegang": "gratis"})
    assert len(names(response)) == 8
    assert len(many) == len(few)


def test_cards_show_the_short_facts(client, access):
    response = client.get(URL)
    cards = {o.name: [str(fact) for fact in o.card_facts] for o in response.context["page_obj"].object_list}
    assert cards == {
        "Buurthuis Alles": ["gratis", "inloop", "tolk", "rolstoeltoegankelijk"],
        "Schuldhulp Diensten": ["gratis"],
        "Kerk Niets": [],
        "Moskee Rotterdam": ["inloop", "tolk"],
    }
    html = response.content.decode()
    assert "gratis · inloop · tolk · rolstoeltoegankelijk" in html


def test_finder_cards_show_the_facts_too(client, access):
    question(themes=["Schulden"])
    alles = make("Helpt met schulden", services=["Schulden"])
    alles.help_services.create(name="Formulieren", walk_in=True, interpreter=True)
    response = client.get("/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "schulden", "gemeente": "almere"})
    assert "inloop · tolk" in response.content.decode()


def test_access_filter_and_counts_combine_with_distance(client, access):
    response = client.get(URL, {"lat": "52.37", "lon": "5.21", "straal": "5", "toegang": "inloop"})
    assert names(response) == ["Buurthuis Alles"]
    assert counts(response) == {
        "gratis": 1,
        "inloop": 1,
        "bellen": 0,
        "afspraak": 0,
        "verwijzing": 0,
        "tolk": 1,
        "rolstoel": 1,
    }
    assert "Afstand: 0,0 km" in response.content.decode()
