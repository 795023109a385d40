import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Organisation, Service

from .conftest import make

pytestmark = pytest.mark.django_db


def rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the BOM as UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_export_holds_the_filtered_public_list(client, social_map):
    table = rows(client.get("/sociale-kaart/export.csv"))
    assert table[0][:4] == ["Naam", "Soort", "Categorie", "Thema's"]
    assert [row[0] for row in table[1:]] == ["Gemeente Almere", "Moskee Rotterdam", "Ocan Almere"]
    filtered = rows(client.get("/sociale-kaart/export.csv", {"hulp": "schulden", "soort": "informeel"}))
    assert [row[0] for row in filtered[1:]] == ["Ocan Almere"]
    ocan = dict(zip(filtered[0], filtered[1], strict=True))
    assert ocan["Thema's"] == "Schulden"
    assert ocan["Profiel"] == "https://kennisplatform.test/organisaties/ocan-almere/"
    assert ocan["Inlooptijden"] == "do 09:00–12:00"
    assert ocan["Talen"] == "Papiamento"


def test_export_holds_what_the_help_is_and_how_to_get_it(client, social_map):
    ocan = Organisation.objects.get(name="Ocan Almere")
    Organisation.objects.filter(pk=ocan.pk).update(
        is_free=False,
        fees="5 euro per les",
        walk_in=True,
        by_phone=False,
        required_documents="Uw ID-bewijs",
        wheelchair=True,
    )
    Service.objects.create(organisation=ocan, name="Taalles", by_appointment=True)
    table = rows(client.get("/sociale-kaart/export.csv", {"soort": "informeel", "hulp": "schulden"}))
    ocan = dict(zip(table[0], table[1], strict=True))
    assert (ocan["Gratis"], ocan["Kosten"], ocan["Binnenlopen"], ocan["Bellen"], ocan["Afspraak"]) == (
        "nee",
        "5 euro per les",
        "ja",
        "nee",
        "",
    )
    assert (ocan["Wat neemt u mee"], ocan["Rolstoeltoegankelijk"], ocan["Diensten"]) == (
        "Uw ID-bewijs",
        "ja",
        "Taalles",
    )


def test_bad_filter_values_are_ignored_not_a_500(client, social_map):
    response = client.get("/sociale-kaart/export.csv", {"soort": "onzin", "open": "ooit", "straal": "x"})
    assert response.status_code == 200


def test_formula_cells_are_quoted(client, db):
    make('=HYPERLINK("http://kwaad")')
    make("@SUM(A1)")
    table = rows(client.get("/sociale-kaart/export.csv"))
    assert sorted(row[0] for row in table[1:]) == ['\'=HYPERLINK("http://kwaad")', "'@SUM(A1)"]


def test_the_page_links_to_the_export_with_its_filters(client, social_map):
    html = client.get("/sociale-kaart/", {"soort": "informeel", "pagina": "1"}).content.decode()
    assert 'href="/sociale-kaart/export.csv?soort=informeel"' in html
    assert 'href="/sociale-kaart/export-hsds.zip?soort=informeel"' in html


def queries_for(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get("/sociale-kaart/export.csv").status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_list(client, db):
    for number in range(3):
        make(f"Organisatie {number}", services=["Schulden"])
    few = queries_for(client)
    for number in range(3, 30):
        make(f"Organisatie {number}", services=["Schulden"])
    assert Organisation.objects.public().count() == 30
    assert queries_for(client) == few
