import socket
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command

from members.geocoding import Point, locate
from members.models import Organisation
from tests.members.conftest import make


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/free"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1315 AB", Point(52.37, 5.2167)),
        ("1315ab", Point(52.37, 5.2167)),
        (" 1315 ", Point(52.371, 5.215)),
        ("Almere", Point(52.3508, 5.2647)),
        ("lelystad", Point(52.5185, 5.4714)),
    ],
)
def test_postcodes_and_places_are_found(locatieserver, text, expected):
    assert locate(text) == expected


def test_a_postcode_query_asks_for_postcodes_only(locatieserver):
    locate("1315ab")
    assert locatieserver.requests[-1]["q"] == "1315 AB"
    assert locatieserver.requests[-1]["fq"] == "type:postcode"


def test_unknown_place_is_none(locatieserver):
    assert locate("Atlantis") is None


@pytest.mark.parametrize("text", ["", "   ", "x" * 101, "🏠 Almere", "<script>", "0123 AB", "12345", "1e308"])
def test_bad_input_is_none_and_never_sent(locatieserver, text):
    assert locate(text) is None
    assert locatieserver.requests == []


def test_answers_are_cached(locatieserver):
    assert locate("Almere") == locate("ALMERE") == Point(52.3508, 5.2647)
    assert len(locatieserver.requests) == 1


@pytest.mark.parametrize("mode", ["500", "bad_json", "slow"])
def test_a_failing_service_gives_none_and_is_asked_again_later(locatieserver, mode):
    locatieserver.mode = mode
    assert locate("Almere") is None
    locatieserver.mode = "ok"
    assert locate("Almere") == Point(52.3508, 5.2647)


def test_a_closed_port_gives_none(settings):
    settings.GEOCODER_URL = closed_port_url()
    assert locate("Almere") is None


@pytest.mark.django_db
def test_offline_fallback_uses_known_organisations(settings):
    settings.GEOCODER_URL = ""
    for name, postcode, lat in [("Buurthuis", "1315 AB", "52.370000"), ("Wijkteam", "1315 CD", "52.380000")]:
        Organisation.objects.filter(pk=make(name).pk).update(
            postcode=postcode, city="Almere", latitude=Decimal(lat), longitude=Decimal("5.220000")
        )
    assert locate("1315 AB") == Point(52.37, 5.22)
    assert locate("1315 XY") == Point(52.375, 5.22)  # unknown full postcode: its area
    assert locate("almere") == Point(52.375, 5.22)
    assert locate("9999 ZZ") is None


@pytest.mark.django_db(transaction=True)
def test_an_address_change_stores_coordinates_after_the_save(locatieserver):
    organisation = make("Buurthuis")
    assert organisation.latitude is None
    organisation.address, organisation.postcode, organisation.city = "Stationsplein 1", "1315 AB", "Almere"
    organisation.save()
    organisation.refresh_from_db()
    assert (organisation.latitude, organisation.longitude) == (Decimal("52.375100"), Decimal("5.217000"))


@pytest.mark.django_db(transaction=True)
def test_a_save_succeeds_while_the_service_is_down(settings):
    settings.GEOCODER_URL = closed_port_url()
    organisation = make("Buurthuis")
    organisation.postcode, organisation.city = "1315 AB", "Almere"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.postcode == "1315 AB"
    assert organisation.latitude is None


@pytest.mark.django_db(transaction=True)
def test_coordinates_typed_by_an_editor_are_kept(locatieserver):
    organisation = make("Buurthuis")
    organisation.postcode, organisation.city = "1315 AB", "Almere"
    organisation.latitude, organisation.longitude = Decimal("52.400000"), Decimal("5.300000")
    organisation.save()
    requests_before = len(locatieserver.requests)
    organisation.postcode = "1351 AA"
    organisation.latitude = Decimal("52.410000")
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.latitude == Decimal("52.410000")
    assert len(locatieserver.requests) == requests_before


@pytest.mark.django_db
def test_command_geocodes_those_without_coordinates(locatieserver, capsys):
    found = make("Buurthuis")
    unknown = make("Wijkteam")
    Organisation.objects.filter(pk=found.pk).update(postcode="1351 AA", city="Almere")
    Organisation.objects.filter(pk=unknown.pk).update(city="Atlantis")
    call_command("geocode_organisations")
    found.refresh_from_db()
    unknown.refresh_from_db()
    assert (found.latitude, found.longitude) == (Decimal("52.363000"), Decimal("5.205000"))
    assert unknown.latitude is None
    assert "1 organisations geocoded, 1 not found." in capsys.readouterr().out
