"""An organisation's page as a contact card: address with a route link, phone, email, website, walk-in hours."""

import datetime

import pytest
from django.utils import timezone

from members.models import Organisation, WalkInHour

from .conftest import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def buurtkamer(db):
    organisation = make("Buurtkamer De Schakel", "informeel", neighbourhood="Haven")
    Organisation.objects.filter(pk=organisation.pk).update(
        address="Havenkade 21",
        postcode="1354 AG",
        city="Almere",
        phone="036-521 64 03",
        email="info@schakel.example",
        website="https://www.schakel.example/",
        latitude=52.37,
        longitude=5.22,
    )
    today = timezone.localdate().weekday()
    WalkInHour.objects.create(organisation=organisation, weekday=today, starts=datetime.time(9), ends=datetime.time(11))
    WalkInHour.objects.create(
        organisation=organisation,
        weekday=(today + 2) % 7,
        starts=datetime.time(13),
        ends=datetime.time(15),
        place="Bibliotheek",
    )
    return organisation


def test_the_profile_is_a_contact_card(client, buurtkamer):
    html = client.get("/organisaties/buurtkamer-de-schakel/").content.decode()
    card = html[html.index('class="site-contact-card"') :]
    assert "Havenkade 21<br>1354 AG Almere" in card
    assert 'href="https://www.google.com/maps/dir/?api=1&amp;destination=Havenkade+21%2C+1354+AG+Almere"' in card
    assert 'href="tel:0365216403">036-521 64 03</a>' in card
    assert 'href="mailto:info@schakel.example"' in card
    assert ">schakel.example</a>" in card
    # Today's walk-in is marked, and comes in weekday order with the others.
    assert card.count("site-hours__today") == 1
    assert "(vandaag)" in card
    assert "Bibliotheek" in card


def test_the_small_map_waits_for_the_visitor_and_names_the_tile_host(client, buurtkamer, settings):
    settings.MAP_TILE_URL = "https://tiles.example.nl/{z}/{x}/{y}.png"
    html = client.get("/organisaties/buurtkamer-de-schakel/").content.decode()
    assert "De kaart haalt kaartbeelden op bij tiles.example.nl" in html
    assert "data-map-show" in html and "hidden" in html[html.index("data-social-map") : html.index("data-map-show")]
    assert '"lat": 52.37' in html


def test_a_profile_without_coordinates_or_hours_has_no_map_and_says_how_to_reach_them(client, db):
    make("Stichting Zonder Plek")
    html = client.get("/organisaties/stichting-zonder-plek/").content.decode()
    assert "data-social-map" not in html
    assert "Geen vaste inloop. Bel of mail voor een afspraak." in html


def test_the_privacy_statement_says_when_the_map_loads_from_another_site(client, demo_content):
    html = client.get("/privacyverklaring/").content.decode()
    assert "PDOK" in html and "Kaart tonen" in html
    assert "laden niets van andere websites" not in html
