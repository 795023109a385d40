import math
from decimal import Decimal

import pytest

from members.geo import format_km, near
from members.geocoding import Point
from members.models import Organisation
from tests.members.conftest import make

ALMERE_CENTRE = Point(52.3508, 5.2647)


def place(name, latitude, longitude):
    organisation = make(name)
    Organisation.objects.filter(pk=organisation.pk).update(latitude=Decimal(latitude), longitude=Decimal(longitude))
    return organisation


def haversine_km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture
def organisations(db):
    place("Lelystad", "52.518500", "5.471400")  # about 23 km
    place("Stad", "52.370000", "5.216700")  # about 3.8 km
    place("Centrum", "52.351000", "5.265000")  # a few metres
    place("Haven", "52.340000", "5.150000")  # about 7.9 km
    make("Zonder plek")


def test_nearest_first_within_the_radius(organisations):
    found = list(near(Organisation.objects.all(), ALMERE_CENTRE, 10))
    assert [o.name for o in found] == ["Centrum", "Stad", "Haven"]
    for organisation in found:
        exact = haversine_km(ALMERE_CENTRE, (float(organisation.latitude), float(organisation.longitude)))
        assert organisation.distance_km == pytest.approx(exact, rel=0.005, abs=0.01)


def test_radius_is_a_circle_not_the_box(organisations):
    # Lelystad lies 23 km away: inside a 25 km radius, outside 20 km although within 20 km north and east.
    assert "Lelystad" in [o.name for o in near(Organisation.objects.all(), ALMERE_CENTRE, 25)]
    assert "Lelystad" not in [o.name for o in near(Organisation.objects.all(), ALMERE_CENTRE, 20)]


def test_combines_with_other_filters_in_one_query(organisations, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [o.name for o in near(Organisation.objects.public().filter(name__startswith="S"), ALMERE_CENTRE, 25)]
    assert names == ["Stad"]


@pytest.mark.parametrize(
    ("point", "radius"),
    [
        ((1e308, 5.2), 5),
        ((52.3, float("nan")), 5),
        ((0, 0), 5),
        (ALMERE_CENTRE, -1),
        (ALMERE_CENTRE, 0),
        (ALMERE_CENTRE, 1e308),
        (ALMERE_CENTRE, "veel"),
    ],
)
def test_bad_point_or_radius_is_refused(db, point, radius):
    with pytest.raises(ValueError):
        near(Organisation.objects.all(), point, radius)


@pytest.mark.parametrize(("km", "shown"), [(2.345, "2,3 km"), (0.04, "0,0 km"), (12.6, "13 km")])
def test_distance_is_shown_the_dutch_way(km, shown):
    assert format_km(km) == shown
