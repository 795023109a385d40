"""Only verified organisations are public: on the map, in the finder, in the API and on their own page.

Admins of a draft or awaiting organisation already edit it on the site (it stays hidden until an editor
verifies it). Archiving is how editors take an organisation off the platform (it stopped, or broke the
house rules): its admins still see it under their organisations, marked as archived, but can no longer
edit it or its members; bringing it back is the editors' call.
"""

import datetime

import pytest

from members.models import Membership, Organisation
from tests.factories import UserFactory

from .conftest import make, question

pytestmark = pytest.mark.django_db
STATES = [
    (Organisation.Status.DRAFT, False),
    (Organisation.Status.AWAITING, False),
    (Organisation.Status.ARCHIVED, False),
    (Organisation.Status.VERIFIED, True),
]


@pytest.fixture
def neighbour(db):
    """A verified organisation alongside, so the pages are not empty, and the finder's question."""
    question()
    return make("Gemeente Almere", services=["Schulden"])


def buurtkamer(status):
    organisation = make(
        "Buurtkamer De Schakel",
        "informeel",
        status=status,
        services=["Schulden"],
        walk_ins=[(3, datetime.time(9), datetime.time(12))],
    )
    Organisation.objects.filter(pk=organisation.pk).update(latitude=52.37, longitude=5.22)
    return organisation


@pytest.mark.parametrize("status, public", STATES)
def test_only_verified_organisations_are_public(client, neighbour, status, public):
    buurtkamer(status)
    page = client.get("/sociale-kaart/")
    assert ("Buurtkamer De Schakel" in [o.name for o in page.context["page_obj"].object_list]) is public
    markers = client.get("/sociale-kaart/kaart.geojson").json()["features"]
    assert ("Buurtkamer De Schakel" in [marker["properties"]["name"] for marker in markers]) is public
    assert {o.value: o.count for f in page.context["facets"] if f.param == "soort" for o in f.options}[
        "informeel"
    ] == int(public)

    finder = client.get("/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "schulden", "gemeente": "almere"})
    assert [o.name for o in finder.context["results"]["informeel"]] == (["Buurtkamer De Schakel"] if public else [])

    api = client.get("/api/v1/organisations/").json()
    assert ("Buurtkamer De Schakel" in [org["name"] for org in api["contents"]]) is public
    assert api["total_items"] == 1 + public

    assert client.get("/organisaties/buurtkamer-de-schakel/").status_code == (200 if public else 404)


def admin_of(organisation):
    user = UserFactory(email="beheer@schakel.example")
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    return user


def profile_post(organisation, **overrides):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "municipality": str(organisation.municipality_id),
        "description": "Nieuwe omschrijving.",
        "spreekuren-TOTAL_FORMS": "0",
        "spreekuren-INITIAL_FORMS": "0",
        "spreekuren-MIN_NUM_FORMS": "0",
        "spreekuren-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("status", [Organisation.Status.DRAFT, Organisation.Status.AWAITING])
def test_admins_edit_an_unverified_organisation_which_stays_hidden(client, neighbour, status):
    organisation = buurtkamer(status)
    client.force_login(admin_of(organisation))
    response = client.post("/organisaties/buurtkamer-de-schakel/bewerken/", profile_post(organisation))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Nieuwe omschrijving."
    assert organisation.status == status  # editing never verifies
    assert client.get("/organisaties/buurtkamer-de-schakel/").status_code == 404


def test_admins_of_an_archived_organisation_see_it_but_change_nothing(client, neighbour):
    organisation = buurtkamer(Organisation.Status.ARCHIVED)
    client.force_login(admin_of(organisation))
    listing = client.get("/account/organisaties/").content.decode()
    assert "Buurtkamer De Schakel" in listing and "gearchiveerd" in listing
    assert "/organisaties/buurtkamer-de-schakel/bewerken/" not in listing
    assert client.get("/organisaties/buurtkamer-de-schakel/bewerken/").status_code == 404
    assert client.post("/organisaties/buurtkamer-de-schakel/bewerken/", profile_post(organisation)).status_code == 404
    assert client.post("/organisaties/buurtkamer-de-schakel/bewerken/", {"confirm": "1"}).status_code == 404
    assert client.get("/organisaties/buurtkamer-de-schakel/leden/").status_code == 404
    organisation.refresh_from_db()
    assert organisation.description == "" and organisation.status == Organisation.Status.ARCHIVED
    assert client.get("/organisaties/buurtkamer-de-schakel/").status_code == 404
