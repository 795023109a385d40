import datetime
import uuid

import pytest

from members.models import Organisation

from .conftest import make

pytestmark = pytest.mark.django_db


def test_api_lists_verified_organisations_in_hsds_shape(client, social_map):
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"} <= set(
        data
    )
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
        make(
            f"Api {n}",
            services=["Schulden"],
            groups=["Jongeren"],
            languages=["Turks"],
            category="Kerk",
            walk_ins=[(n % 7, datetime.time(9), datetime.time(10))],
        )
    assert count() == few


def test_api_location_has_address_coordinates_languages_and_schedule(client, db):
    organisation = make(
        "Buurtkamer De Schakel",
        "informeel",
        languages=["Turks", "Arabisch"],
        walk_ins=[(1, datetime.time(13, 30), datetime.time(16))],
    )
    Organisation.objects.filter(pk=organisation.pk).update(
        address="Stationsplein 1",
        postcode="1315 AB",
        city="Almere Stad",
        latitude="52.375000",
        longitude="5.218000",
    )
    (org,) = client.get("/api/v1/organisations/").json()["contents"]
    (location,) = org["locations"]
    assert location["organization_id"] == org["id"]
    assert location["location_type"] == "physical"
    assert (location["latitude"], location["longitude"]) == (52.375, 5.218)
    assert location["addresses"] == [
        {
            "address_1": "Stationsplein 1",
            "city": "Almere Stad",
            "state_province": "Flevoland",
            "postal_code": "1315 AB",
            "country": "NL",
            "address_type": "physical",
        }
    ]
    assert location["languages"] == [{"name": "Arabisch"}, {"name": "Turks"}]
    (schedule,) = location["schedules"]
    assert (schedule["location_id"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        location["id"],
        "TU",
        "13:30",
        "16:00",
    )


def test_api_location_without_address_or_coordinates(client, db):
    make("Buurtkamer De Schakel", "informeel")
    (location,) = client.get("/api/v1/organisations/").json()["contents"][0]["locations"]
    assert location["addresses"] == [] and location["latitude"] is None and location["longitude"] is None


def test_api_second_page(client, social_map, monkeypatch):
    monkeypatch.setattr("members.views.API_PAGE_SIZE", 2)
    first = client.get("/api/v1/organisations/").json()
    assert [org["name"] for org in first["contents"]] == ["Gemeente Almere", "Moskee Rotterdam"]
    assert (first["total_items"], first["total_pages"], first["first_page"], first["last_page"]) == (3, 2, True, False)
    second = client.get("/api/v1/organisations/", {"pagina": 2}).json()
    assert [org["name"] for org in second["contents"]] == ["Ocan Almere"]
    assert (second["page_number"], second["size"], second["first_page"], second["last_page"]) == (2, 1, False, True)
    assert client.get("/api/v1/organisations/", {"pagina": 9}).json()["page_number"] == 2  # too far: the last page
