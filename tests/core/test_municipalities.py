import io

import pytest
from django.core.management import call_command

from core.municipalities import load_municipalities, read_municipalities
from core.taxonomy import Municipality

pytestmark = pytest.mark.django_db


def test_the_shipped_list_has_all_342_municipalities_with_unique_codes_and_names():
    rows = read_municipalities()
    assert len(rows) == 342
    assert len({row["code"] for row in rows}) == 342
    assert len({row["name"].casefold() for row in rows}) == 342
    assert all(len(row["code"]) == 6 and row["code"].startswith("GM") and row["code"][2:].isdigit() for row in rows)
    assert len({row["province"] for row in rows}) == 12


@pytest.mark.parametrize(
    ("code", "name", "province"),
    [
        ("GM0363", "Amsterdam", "Noord-Holland"),
        ("GM1992", "Voorne aan Zee", "Zuid-Holland"),
        ("GM1680", "Aa en Hunze", "Drenthe"),
        ("GM1980", "Dijk en Waard", "Noord-Holland"),
        ("GM1982", "Land van Cuijk", "Noord-Brabant"),
        ("GM1991", "Maashorst", "Noord-Brabant"),
        ("GM1979", "Eemsdelta", "Groningen"),
        ("GM1900", "Súdwest-Fryslân", "Fryslân"),
        ("GM0518", "'s-Gravenhage", "Zuid-Holland"),
        ("GM0034", "Almere", "Flevoland"),
    ],
)
def test_known_municipalities_are_in_the_database(code, name, province):
    municipality = Municipality.objects.get(code=code)
    assert (municipality.name, municipality.province) == (name, province)


def test_merged_municipalities_are_gone():
    assert not Municipality.objects.filter(
        name__in=["Weesp", "Brielle", "Hellevoetsluis", "Westvoorne", "Uden"]
    ).exists()


def test_loading_again_changes_nothing_and_keeps_existing_names_and_slugs():
    Municipality.objects.filter(code="GM0363").update(slug="mokum", code="", province="")
    call_command("load_municipalities", stdout=io.StringIO())
    assert Municipality.objects.count() == 342
    amsterdam = Municipality.objects.get(code="GM0363")
    assert (amsterdam.slug, amsterdam.province) == ("mokum", "Noord-Holland")
    assert load_municipalities() == (0, 0)


def test_an_emptied_table_is_filled_again():
    Municipality.objects.all().delete()
    Municipality.objects.create(name="Almere", slug="almere")
    assert load_municipalities() == (341, 1)
    assert Municipality.objects.get(slug="almere").code == "GM0034"
