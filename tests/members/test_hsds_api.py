import datetime
import uuid

import pytest

from .conftest import make

pytestmark = pytest.mark.django_db


def test_api_lists_verified_organisations_in_hsds_shape(client, social_map):
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"} <= set(data)
    assert data["total_items"] == 3 and data["page_number"] == 1 and data["first_page"] and data["last_page"]
    names = [org["name"] for org in data["contents"]]
    assert names == ["Gemeente Almere", "Moskee Rotterdam", "Ocan Almere"]

    ocan = data["contents"][2]
    uuid.UUID(ocan["id"])  # HSDS ids are UUIDs
    assert ocan["url"].endswith("/organisaties/ocan-almere/")
    assert [service["name"] for service in ocan["services"]] == ["Schulden"]
    assert all(service["organization_id"] == ocan["id"] for service in ocan["services"])
    schedule = ocan["locations"][0]["schedules"][0]
    assert schedule == {**schedule, "freq": "WEEKLY", "byday": "TH", "opens_at": "09:00", "closes_at": "12:00"}
    assert {"code": "informeel", "name": "informeel", "taxonomy": "kennisplatform-soort"} in [
        attribute["taxonomy_term"] for attribute in ocan["attributes"]
    ]
    assert "Nog niet geverifieerd" not in response.content.decode()


def test_api_takes_the_same_filters_as_the_page(client, social_map):
    data = client.get("/api/v1/organisations/", {"soort": "informeel", "hulp": "schulden"}).json()
    assert [org["name"] for org in data["contents"]] == ["Ocan Almere"]
    empty = client.get("/api/v1/organisations/", {"gemeente": "nergens"}).json()
    assert empty["empty"] and empty["contents"] == []


def test_api_ids_are_stable(client, social_map):
    first = client.get("/api/v1/organisations/").json()["contents"][0]["id"]
    assert client.get("/api/v1/organisations/").json()["contents"][0]["id"] == first


def test_api_query_count_is_constant(page_queries, social_map):
    def count():
        return page_queries("/api/v1/organisations/")

    few = count()
    for n in range(10):
        make(f"Api {n}", services=["Schulden"], groups=["Jongeren"], languages=["Turks"], category="Kerk",
             walk_ins=[(n % 7, datetime.time(9), datetime.time(10))])
    assert count() == few
