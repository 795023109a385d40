"""The social map's filtered list as an HSDS 3.0 tabular data package: every row valid against the tabular schema,
links between the tables intact, the filters honoured, and a constant number of queries."""

import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker

from members.hsds_package import COLUMNS, NUMBERS, TABLES
from members.models import Organisation, Service

from .conftest import SCHEMAS, make

pytestmark = pytest.mark.django_db
URL = "/sociale-kaart/export-hsds.zip"


@pytest.fixture(scope="module")
def tabular():
    """The official tabular definitions, one validator per table (without the nested arrays)."""
    definitions = json.loads((SCHEMAS / "compiled" / "tabular.json").read_text())["properties"]
    validators = {}
    for table, definition in definitions.items():
        item = dict(definition["items"])
        item["properties"] = {k: v for k, v in item["properties"].items() if v.get("type") != "array"}
        item.pop("required", None)
        validators[table] = (item["path"], Draft202012Validator(item, format_checker=FormatChecker()))
    return validators


def unpack(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "sociale-kaart-hsds.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    tables = {}
    for table, filename, _columns in TABLES:
        reader = csv.DictReader(io.StringIO(archive.read(filename).decode("utf-8")))
        assert reader.fieldnames == COLUMNS[table]
        tables[table] = list(reader)
    return json.loads(archive.read("datapackage.json")), tables


def test_package_has_every_hsds_table_and_describes_it(client, tabular, hsds_map):
    descriptor, tables = unpack(client.get(URL))
    assert descriptor["profile"] == "tabular-data-package"
    assert [resource["path"] for resource in descriptor["resources"]] == [path for path, _v in tabular.values()]
    for resource in descriptor["resources"]:
        assert [field["name"] for field in resource["schema"]["fields"]] == COLUMNS[resource["name"]]
        official = tabular[resource["name"]][1].schema["properties"]
        assert set(COLUMNS[resource["name"]]) == set(official)
    assert [row["name"] for row in tables["organization"]] == ["Gemeente Almere", "Moskee Rotterdam", "Ocan Almere"]
    assert {row["name"] for row in tables["service"]} == {
        "Bijzondere bijstand",
        "Voedselpakketten",
        "Schuldhulp spreekuur",
    }


def test_every_row_is_valid_and_every_link_resolves(client, tabular, hsds_map):
    _descriptor, tables = unpack(client.get(URL))
    for table, found in tables.items():
        validator = tabular[table][1]
        ids = [row["id"] for row in found]
        assert len(ids) == len(set(ids)), f"{table}: an id twice"
        for row in found:
            value = {k: (float(v) if k in NUMBERS else v) for k, v in row.items() if v != ""}
            errors = [error.message for error in validator.iter_errors(value)]
            assert not errors, (table, row, errors)
    ids = {table: {row["id"] for row in found} for table, found in tables.items()}
    for row in tables["service"]:
        assert row["organization_id"] in ids["organization"]
    for row in tables["schedule"]:
        assert row["location_id"] in ids["location"]
    for row in tables["service_at_location"]:
        assert row["service_id"] in ids["service"] and row["location_id"] in ids["location"]
    for row in tables["attribute"]:
        assert row["taxonomy_term_id"] in ids["taxonomy_term"]
    for row in tables["taxonomy_term"]:
        assert row["taxonomy_id"] in ids["taxonomy"]
    closures = [row for row in tables["schedule"] if row["valid_from"] and not row["opens_at"]]
    assert [row["notes"] for row in closures] == ["Kerst"]


def test_the_package_follows_the_page_filters(client, hsds_map):
    _descriptor, tables = unpack(client.get(URL, {"soort": "informeel", "gemeente": "almere"}))
    assert [row["name"] for row in tables["organization"]] == ["Ocan Almere"]
    assert [row["name"] for row in tables["service"]] == ["Schuldhulp spreekuur"]
    _descriptor, empty = unpack(client.get(URL, {"gemeente": "nergens", "soort": "onzin"}))
    assert empty["organization"] == [] and empty["service"] == []


def test_hidden_organisations_stay_out(client, hsds_map):
    assert "Geheime dienst" not in unpack(client.get(URL))[1]["service"].__repr__()
    assert "Nog niet geverifieerd" not in unpack(client.get(URL))[1]["organization"].__repr__()


def test_query_count_does_not_grow_with_the_list(client, hsds_map):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    for number in range(10):
        organisation = make(f"Extra {number}", services=["Schulden"], walk_ins=[(number % 7, "09:00", "10:00")])
        Organisation.objects.filter(pk=organisation.pk).update(city="Almere")
        Service.objects.create(organisation=organisation, name="Inloop", walk_in=True).themes.set(
            organisation.services.all()
        )
    assert queries() == few
