"""The HSDS 3.0 API under /api/hsds/: every endpoint's output validated against the official schemas, every
parameter with good and bad values, cumulative filters, paging, and constant query counts."""

import datetime
import json
import re
import uuid

import pytest
from django.conf import settings
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from members.hsds_queries import SCHEMA_BASE
from members.models import (
    Organisation,
    Service,
    WalkInClosure,
)

from .conftest import SCHEMAS, make

pytestmark = pytest.mark.django_db

API = "/api/hsds"
T = datetime.time


@pytest.fixture(scope="session")
def schemas():
    """A validator per official schema (compiled ones are self-contained; taxonomies refer to metadata.json)."""
    registry = Registry().with_resources(
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text()))) for path in SCHEMAS.glob("*.json")
    )

    def validator(name):
        schema = json.loads((SCHEMAS / name).read_text())
        return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())

    names = {
        "service": "compiled/service.json",
        "service_list": "compiled/service_list.json",
        "organization": "compiled/organization.json",
        "organization_list": "compiled/organization_list.json",
        "service_at_location": "compiled/service_at_location.json",
        "service_at_location_list": "compiled/service_at_location_list.json",
        "taxonomy": "taxonomy.json",
        "taxonomy_term": "taxonomy_term.json",
    }
    return {key: validator(name) for key, name in names.items()}


def valid(schemas, name, data):
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in schemas[name].iter_errors(data)
    ]
    assert not errors, errors
    return data


def page_envelope(data):
    assert set(data) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    return data["contents"]


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def bad(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["status"] == 400 and data["error"]
    return data


# --- the root and the OpenAPI document -------------------------------------------------------------------------


def test_root_names_version_profile_and_openapi_document(client):
    data = get(client, "/")
    assert data["version"] == "3.0"
    assert data["openapi_url"] == settings.SITE_URL + "/api/hsds/openapi.json"
    document = client.get("/api/hsds/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
    }
    referenced = re.findall(re.escape(SCHEMA_BASE) + r'([^"]+)"', json.dumps(document))
    assert referenced and all((SCHEMAS / name).is_file() for name in referenced)
    # A valid OpenAPI 3.1 document (its references to the official schemas stand in as objects).
    official = re.compile(r'\{"\$ref": "' + re.escape(SCHEMA_BASE) + r'[^"]+"\}')
    validate(json.loads(official.sub('{"type": "object"}', json.dumps(document))))
    names = [parameter["name"] for parameter in document["paths"]["/service_at_locations"]["get"]["parameters"]]
    assert {"search", "page", "per_page", "postcode", "proximity", "taxonomy_term_id", "modified_after"} <= set(names)


def test_openapi_parameters_are_the_ones_the_api_accepts(client, hsds_map):
    """Every documented parameter is accepted (with a sensible value); an undocumented one is refused."""
    document = client.get("/api/hsds/openapi.json").json()
    samples = {"string": "almere", "integer": "1", "boolean": "true"}
    special = {
        "taxonomy_term_id": str(uuid.uuid4()),
        "taxonomy_id": str(uuid.uuid4()),
        "organization_id": str(uuid.uuid4()),
        "parent_id": str(uuid.uuid4()),
        "modified_after": "2020-01-01",
        "postcode": "1315 AB",
        "format": "json",
        "search": "almere",
        "proximity": "1000",
    }
    for path, item in document["paths"].items():
        if "{id}" in path:
            continue
        for parameter in item["get"]["parameters"]:
            name = parameter["name"]
            value = special.get(name, samples[parameter["schema"]["type"]])
            params = {name: value, **({"postcode": "1315 AB"} if name == "proximity" else {})}
            response = client.get(API + path, params)
            assert response.status_code == 200, (path, name, response.content)
        assert client.get(API + path, {"pagina": "1"}).status_code == 400


# --- services ------------------------------------------------------------------------------------------------


def test_services_list_validates_and_shows_only_public_services(client, schemas, hsds_map):
    contents = page_envelope(get(client, "/services"))
    for item in contents:
        valid(schemas, "service_list", item)
    assert [item["name"] for item in contents] == ["Bijzondere bijstand", "Voedselpakketten", "Schuldhulp spreekuur"]
    spreekuur = contents[2]
    assert spreekuur["id"] == str(hsds_map["spreekuur"].uuid)
    assert spreekuur["organization"]["name"] == "Ocan Almere"
    assert spreekuur["assured_date"] == hsds_map["ocan"].last_confirmed.isoformat()
    assert spreekuur["fees_description"] == "Gratis."
    assert spreekuur["eligibility_description"] == "Iedereen in Almere met geldzorgen."
    assert "binnenlopen" in spreekuur["application_process"]
    assert spreekuur["interpretation_services"] == "Een tolk is mogelijk."
    assert spreekuur["alert"] == "Deze week geen inloop"
    assert "null" not in json.dumps(contents)
    assert "Geheime dienst" not in json.dumps(contents)


def test_full_services_and_service_detail_validate(client, schemas, hsds_map):
    for item in page_envelope(get(client, "/services", full="true")):
        valid(schemas, "service", item)
    detail = valid(schemas, "service", get(client, f"/services/{hsds_map['spreekuur'].uuid}"))
    assert [document["document"] for document in detail["required_documents"]] == [
        "Loonstrook",
        "Brieven van schuldeisers",
    ]
    assert [language["name"] for language in detail["languages"]] == ["Nederlands", "Papiamento"]
    assert detail["cost_options"][0]["amount"] == 0
    assert detail["service_areas"][0]["name"] == "Almere"
    assert {attribute["taxonomy_term"]["name"] for attribute in detail["attributes"]} == {
        "Schulden",
        "Caribische Nederlanders",
    }
    (at_location,) = detail["service_at_locations"]
    location = at_location["location"]
    assert location["addresses"][0]["postal_code"] == "1315 AB"
    assert location["accessibility"][0]["description"] == "Rolstoeltoegankelijk. Drempelvrije ingang aan de achterkant."
    by_description = {}
    for schedule in location["schedules"]:
        by_description.setdefault(schedule["description"], []).append(schedule)
    (weekly,) = by_description["Inloop"]
    assert (weekly["freq"], weekly["byday"], weekly["opens_at"], weekly["closes_at"]) == (
        "WEEKLY",
        "TH",
        "09:00",
        "12:00",
    )
    assert weekly["timezone"] in (1, 2)  # a UTC offset, as HSDS wants
    (closed,) = by_description["Gesloten: geen inloop"]
    assert closed["notes"] == "Kerst" and "opens_at" not in closed
    (ramadan,) = by_description["Andere tijden in deze periode"]
    assert (ramadan["byday"], ramadan["opens_at"], ramadan["notes"]) == ("WE", "20:00", "Ramadan")
    assert detail["organization"]["name"] == "Ocan Almere"


def test_service_inherits_what_it_does_not_say_from_its_organisation(client, hsds_map):
    detail = get(client, f"/services/{hsds_map['bijstand'].uuid}")
    assert detail["fees_description"].startswith("Geen kosten voor de aanvraag")
    assert detail["cost_options"] == []
    assert "een afspraak maken" in detail["application_process"]


def test_unknown_hidden_and_malformed_service_ids_are_json_404(client, hsds_map):
    hidden = Service.objects.get(name="Geheime dienst")
    for value in (hidden.uuid, uuid.uuid4(), "niet-een-uuid"):
        response = client.get(f"{API}/services/{value}")
        assert response.status_code == 404 and response.json()["status"] == 404


def test_search_finds_only_matching_services_and_organisations(client, hsds_map):
    assert [item["name"] for item in get(client, "/services", search="schuld spreekuur")["contents"]] == [
        "Schuldhulp spreekuur"
    ]
    assert get(client, "/services", search="humanitas")["contents"] == []
    assert get(client, "/services", search="humanitas")["empty"] is True
    names = [item["name"] for item in get(client, "/organizations", search="almere")["contents"]]
    assert names == ["Gemeente Almere", "Ocan Almere"]
    assert get(client, "/organizations", search="humanitas")["total_items"] == 0


def test_filters_are_cumulative(client, hsds_map):
    terms = {term["name"]: term for term in get(client, "/taxonomy_terms", per_page=100)["contents"]}
    schulden = terms["Schulden"]["id"]
    assert [item["name"] for item in get(client, "/services", taxonomy_term_id=schulden)["contents"]] == [
        "Schuldhulp spreekuur"
    ]
    informeel = terms["informeel"]["id"]
    names = [item["name"] for item in get(client, "/services", taxonomy_term_id=informeel)["contents"]]
    assert names == ["Voedselpakketten", "Schuldhulp spreekuur"]
    ocan_id = str(hsds_map["ocan"].uuid)
    assert [
        item["name"]
        for item in get(client, "/services", taxonomy_term_id=informeel, organization_id=ocan_id)["contents"]
    ] == ["Schuldhulp spreekuur"]
    assert get(client, "/services", taxonomy_term_id=informeel, search="bijstand")["contents"] == []
    themes_taxonomy = terms["Schulden"]["taxonomy_id"]
    names = [item["name"] for item in get(client, "/services", taxonomy_id=themes_taxonomy)["contents"]]
    assert names == ["Bijzondere bijstand", "Schuldhulp spreekuur"]
    assert get(client, "/services", taxonomy_term_id=str(uuid.uuid4()))["contents"] == []


def test_modified_after(client, hsds_map):
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert get(client, "/services", modified_after=later.isoformat())["contents"] == []
    everything = get(client, "/services", modified_after="2020-01-01")["total_items"]
    assert everything == 3
    # A change to the organisation counts for its services: their facts come from it.
    Organisation.objects.filter(pk=hsds_map["moskee"].pk).update(modified=later + datetime.timedelta(minutes=1))
    assert [item["name"] for item in get(client, "/services", modified_after=later.isoformat())["contents"]] == [
        "Voedselpakketten"
    ]
    assert [item["name"] for item in get(client, "/organizations", modified_after=later.isoformat())["contents"]] == [
        "Moskee Rotterdam"
    ]


def test_minimal_gives_ids_and_modification_times(client, hsds_map):
    contents = get(client, "/services", minimal="true")["contents"]
    assert [set(item) for item in contents] == [{"id", "last_modified"}] * 3


def test_ndjson_streams_every_result_without_pages(client, schemas, hsds_map):
    response = client.get(f"{API}/services", {"format": "ndjson", "full": "true"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 3
    for line in lines:
        valid(schemas, "service", json.loads(line))
    bad(client, "/services", format="ndjson", page="1")


# --- organisations -------------------------------------------------------------------------------------------


def test_organizations_list_full_and_detail_validate(client, schemas, hsds_map):
    contents = page_envelope(get(client, "/organizations"))
    assert [item["name"] for item in contents] == ["Gemeente Almere", "Moskee Rotterdam", "Ocan Almere"]
    for item in contents:
        valid(schemas, "organization_list", item)
    for item in get(client, "/organizations", full="true")["contents"]:
        valid(schemas, "organization", item)
    for item in get(client, "/organizations", full_service="true")["contents"]:
        valid(schemas, "organization", item)
    ocan = valid(schemas, "organization", get(client, f"/organizations/{hsds_map['ocan'].uuid}"))
    assert [service["name"] for service in ocan["services"]] == ["Schuldhulp spreekuur"]
    assert "schedules" not in ocan["services"][0]  # only the one-to-one fields without full_service
    nested = get(client, f"/organizations/{hsds_map['ocan'].uuid}", full_service="true")
    assert nested["services"][0]["required_documents"]
    assert ocan["phones"][0]["number"] == "036 123 4567"
    assert ocan["metadata"][0]["last_action_date"] == hsds_map["ocan"].last_confirmed.isoformat()
    terms = {
        attribute["taxonomy_term"]["taxonomy"]: attribute["taxonomy_term"]["name"] for attribute in ocan["attributes"]
    }
    assert terms == {
        "Formeel of informeel": "informeel",
        "Soorten organisaties": "Migrantenorganisatie",
        "Thema's": "Schulden",
        "Doelgroepen": "Caribische Nederlanders",
    }
    shared = [location for location in ocan["locations"] if location["name"] == "Financieel Huis Almere"]
    (turn,) = shared[0]["schedules"]
    assert (turn["freq"], turn["byday"], turn["opens_at"]) == ("MONTHLY", "2TU", "10:00")


def test_unverified_organisation_is_not_found(client, hsds_map):
    hidden = Organisation.objects.get(name="Nog niet geverifieerd")
    assert client.get(f"{API}/organizations/{hidden.uuid}").status_code == 404
    assert "Nog niet geverifieerd" not in client.get(f"{API}/organizations", {"per_page": 100}).content.decode()


def test_ids_are_stable_and_unique(client, hsds_map):
    first = get(client, "/services", full="true")["contents"]
    assert get(client, "/services", full="true")["contents"] == first
    ids = []

    def collect(value):
        if isinstance(value, dict):
            if "id" in value and "taxonomy" not in value and "taxonomy_detail" not in value and "version" not in value:
                ids.append(value["id"])
            for child in value.values():
                collect(child)
        elif isinstance(value, list):
            for child in value:
                collect(child)

    collect([{**item, "organization": None} for item in first])
    assert len(ids) == len(set(ids))


# --- taxonomies ----------------------------------------------------------------------------------------------


def test_taxonomies_and_terms_validate_and_can_be_looked_up(client, schemas, hsds_map):
    taxonomies = page_envelope(get(client, "/taxonomies"))
    assert len(taxonomies) == 4
    for item in taxonomies:
        valid(schemas, "taxonomy", item)
        assert get(client, f"/taxonomies/{item['id']}") == item
    terms = page_envelope(get(client, "/taxonomy_terms", per_page=100))
    for item in terms:
        valid(schemas, "taxonomy_term", item)
    schulden = next(term for term in terms if term["name"] == "Schulden")
    assert get(client, f"/taxonomy_terms/{schulden['id']}") == schulden
    only_themes = get(client, "/taxonomy_terms", taxonomy_id=schulden["taxonomy_id"], per_page=100)["contents"]
    assert {term["name"] for term in only_themes} == {"Schulden", "Armoede", "Urgente nood"}
    assert [term["name"] for term in get(client, "/taxonomy_terms", search="schuld")["contents"]] == ["Schulden"]
    assert get(client, "/taxonomy_terms", parent_id=schulden["id"])["contents"] == []
    assert client.get(f"{API}/taxonomy_terms/{uuid.uuid4()}").status_code == 404
    assert client.get(f"{API}/taxonomies/x").status_code == 404


# --- service at location, near a postcode ----------------------------------------------------------------------


def test_service_at_locations_validate_and_detail(client, schemas, hsds_map):
    contents = page_envelope(get(client, "/service_at_locations"))
    # The mosque's service has no place to go to: it is a service, but not at a location.
    assert [item["service"]["name"] for item in contents] == ["Bijzondere bijstand", "Schuldhulp spreekuur"]
    for item in contents:
        valid(schemas, "service_at_location_list", item)
    for item in get(client, "/service_at_locations", full="true")["contents"]:
        valid(schemas, "service_at_location", item)
    detail = valid(schemas, "service_at_location", get(client, f"/service_at_locations/{contents[1]['id']}"))
    assert detail["service"]["name"] == "Schuldhulp spreekuur"
    assert detail["id"] != detail["service_id"]
    assert client.get(f"{API}/service_at_locations/{hsds_map['spreekuur'].uuid}").status_code == 404


def test_postcode_and_proximity_filter_and_sort_by_distance(client, hsds_map):
    Organisation.objects.filter(pk=hsds_map["gemeente"].pk).update(latitude="52.371000", longitude="5.221000")
    # Offline geocoding (the test settings): 1315 AB lies at Ocan's coordinates.
    near = get(client, "/service_at_locations", postcode="1315 AB", proximity="1000")["contents"]
    assert [item["service"]["name"] for item in near] == ["Schuldhulp spreekuur", "Bijzondere bijstand"]
    closest = get(client, "/service_at_locations", postcode="1315 AB", proximity="100")["contents"]
    assert [item["service"]["name"] for item in closest] == ["Schuldhulp spreekuur"]
    combined = get(client, "/service_at_locations", postcode="1315 AB", proximity="1000", search="bijstand")["contents"]
    assert [item["service"]["name"] for item in combined] == ["Bijzondere bijstand"]


def test_postcode_from_the_locatieserver_and_when_it_is_down(client, hsds_map, locatieserver):
    Organisation.objects.filter(pk=hsds_map["gemeente"].pk).update(latitude="52.371000", longitude="5.215000")
    near = get(client, "/service_at_locations", postcode="1315", proximity="2000")["contents"]
    assert [item["service"]["name"] for item in near] == ["Bijzondere bijstand", "Schuldhulp spreekuur"]
    locatieserver.mode = "500"
    error = bad(client, "/service_at_locations", postcode="1351 AA")
    assert error["parameter"] == "postcode"


# --- bad input ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/services", {"pagina": "2"}, "pagina"),
        ("/services", {"page": "0"}, "page"),
        ("/services", {"page": "twee"}, "page"),
        ("/services", {"page": "99"}, "page"),
        ("/services", {"per_page": "0"}, "per_page"),
        ("/services", {"per_page": "501"}, "per_page"),
        ("/services", {"per_page": "-1"}, "per_page"),
        ("/services", {"full": "ja"}, "full"),
        ("/services", {"minimal": "1"}, "minimal"),
        ("/services", {"taxonomy_term_id": "schulden"}, "taxonomy_term_id"),
        ("/services", {"taxonomy_id": "x"}, "taxonomy_id"),
        ("/services", {"organization_id": "12"}, "organization_id"),
        ("/services", {"modified_after": "gisteren"}, "modified_after"),
        ("/services", {"modified_after": "2026-02-30"}, "modified_after"),
        ("/services", {"format": "xml"}, "format"),
        ("/services", {"search": "x" * 201}, "search"),
        ("/services", {"postcode": "1315 AB"}, "postcode"),
        ("/organizations", {"taxonomy_term_id": str(uuid.uuid4())}, "taxonomy_term_id"),
        ("/organizations", {"full_service": "yes"}, "full_service"),
        ("/taxonomies", {"taxonomy_id": str(uuid.uuid4())}, "taxonomy_id"),
        ("/taxonomy_terms", {"top_only": "maybe"}, "top_only"),
        ("/taxonomy_terms", {"parent_id": "root"}, "parent_id"),
        ("/service_at_locations", {"postcode": "AB 1315"}, "postcode"),
        ("/service_at_locations", {"postcode": "9999 ZZ"}, "postcode"),
        ("/service_at_locations", {"proximity": "1000"}, "proximity"),
        ("/service_at_locations", {"postcode": "1315 AB", "proximity": "0"}, "proximity"),
        ("/service_at_locations", {"postcode": "1315 AB", "proximity": "ver"}, "proximity"),
        ("/service_at_locations", {"postcode": "1315 AB", "proximity": "300001"}, "proximity"),
        ("/", {"search": "x"}, "search"),
    ],
)
def test_bad_parameters_get_a_json_400_in_dutch(client, hsds_map, path, params, parameter):
    error = bad(client, path, **params)
    assert error["parameter"] == parameter
    assert any(
        word in error["error"] for word in ("moet", "Onbekende", "bestaat niet", "hoogstens", "alleen", "konden")
    )


def test_a_parameter_given_twice_and_detail_parameters(client, hsds_map):
    response = client.get(f"{API}/services?page=1&page=2")
    assert response.status_code == 400 and response.json()["parameter"] == "page"
    assert client.get(f"{API}/services/{hsds_map['spreekuur'].uuid}", {"full": "true"}).status_code == 400


def test_only_get_and_head(client, hsds_map):
    response = client.post(f"{API}/services")
    assert response.status_code == 405 and response.json()["status"] == 405
    assert client.head(f"{API}/services").status_code == 200


def test_first_api_is_an_alias_with_the_social_map_filters(client, schemas, hsds_map):
    data = client.get("/api/v1/organisations/").json()
    assert [org["name"] for org in page_envelope(data)] == ["Gemeente Almere", "Moskee Rotterdam", "Ocan Almere"]
    for org in data["contents"]:
        valid(schemas, "organization", org)
    assert data["contents"][2] == get(client, f"/organizations/{hsds_map['ocan'].uuid}")
    filtered = client.get("/api/v1/organisations/", {"soort": "informeel", "hulp": "schulden"}).json()
    assert [org["name"] for org in filtered["contents"]] == ["Ocan Almere"]
    assert client.get("/api/v1/organisations/", {"gemeente": "nergens"}).json()["empty"] is True


# --- cost ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/services?full=true",
        "/services",
        "/organizations?full_service=true",
        "/service_at_locations?full=true",
        "/taxonomy_terms",
    ],
)
def test_query_count_does_not_grow_with_the_data(page_queries, hsds_map, path):
    few = page_queries(API + path)
    for number in range(12):
        organisation = make(
            f"Api {number}",
            services=["Schulden"],
            groups=["Jongeren"],
            languages=["Turks"],
            category="Kerk",
            walk_ins=[(number % 7, T(9), T(10))],
        )
        Organisation.objects.filter(pk=organisation.pk).update(city="Almere")
        service = Service.objects.create(organisation=organisation, name="Inloop", walk_in=True)
        service.themes.set(organisation.services.all())
        WalkInClosure.objects.create(
            organisation=organisation,
            starts=timezone.localdate() + datetime.timedelta(days=5),
            ends=timezone.localdate() + datetime.timedelta(days=6),
        )
    assert page_queries(API + path) == few
