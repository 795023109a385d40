import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Organisation

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
    assert filtered[1][3] == "Schulden"
    assert filtered[1][11].endswith("/organisaties/ocan-almere/")


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
    assert "Download als CSV" in html


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
