"""Organisation admins edit name, kind, municipality, logo and map location on the site; registering
takes target groups, languages, neighbourhood and location. Bad input changes nothing."""

import decimal
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from core.taxonomy import Municipality, TargetGroup
from members.models import Language, Membership, Organisation
from tests.factories import UserFactory

from .conftest import make

pytestmark = pytest.mark.django_db
NOT_IN_NETHERLANDS = "Deze plek ligt niet in Nederland."
BOTH_OR_NEITHER = "Vul zowel de breedtegraad als de lengtegraad in, of laat beide leeg."


@pytest.fixture
def ocan(db):
    return make("Ocan Almere", "informeel", services=["Schulden"])


@pytest.fixture
def org_admin(client, ocan):
    user = UserFactory(email="beheer@ocan.example")
    Membership.objects.create(user=user, organisation=ocan, role="admin")
    client.force_login(user)
    return user


def image_file(name="logo.png", image_format="PNG", size=(120, 60), noise=False):
    if noise:  # random pixels do not compress: a large file
        image = PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = PILImage.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def profile(organisation, **overrides):
    """The edit form as the admin posts it, without walk-in hours."""
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "municipality": str(organisation.municipality_id),
        "description": "Wij helpen Caribische Nederlanders met geldzaken.",
        "spreekuren-TOTAL_FORMS": "0",
        "spreekuren-INITIAL_FORMS": "0",
        "spreekuren-MIN_NUM_FORMS": "0",
        "spreekuren-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


def map_points(client):
    markers = client.get("/sociale-kaart/kaart.geojson").json()["features"]
    return {m["properties"]["name"]: tuple(reversed(m["geometry"]["coordinates"])) for m in markers}


def test_admin_renames_moves_and_places_the_organisation_on_the_map(client, org_admin, ocan):
    assert "Ocan Almere" not in map_points(client)
    utrecht = Municipality.objects.get(name="Utrecht")
    response = client.post(
        "/organisaties/ocan-almere/bewerken/",
        profile(
            ocan,
            name="Ocan Midden-Nederland",
            kind="formeel",
            municipality=str(utrecht.pk),
            latitude="52,0907",
            longitude=" 5.12141234 ",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    ocan.refresh_from_db()
    assert (ocan.name, ocan.kind, ocan.municipality) == ("Ocan Midden-Nederland", "formeel", utrecht)
    assert (ocan.latitude, ocan.longitude) == (decimal.Decimal("52.090700"), decimal.Decimal("5.121412"))
    assert ocan.slug == "ocan-almere"  # links to the profile keep working
    assert map_points(client)["Ocan Midden-Nederland"] == (52.0907, 5.121412)


def test_admin_takes_the_organisation_off_the_map_by_clearing_both(client, org_admin, ocan):
    Organisation.objects.filter(pk=ocan.pk).update(latitude=52.35, longitude=5.26)
    response = client.post("/organisaties/ocan-almere/bewerken/", profile(ocan, latitude="", longitude=""))
    assert response.status_code == 302
    ocan.refresh_from_db()
    assert ocan.latitude is None and ocan.longitude is None


@pytest.mark.parametrize(
    "latitude, longitude, field, message",
    [
        ("48,8566", "2,3522", "latitude", NOT_IN_NETHERLANDS),  # Paris
        ("5,2647", "52,3508", "latitude", NOT_IN_NETHERLANDS),  # swapped
        ("52,3508", "8,1", "longitude", NOT_IN_NETHERLANDS),  # Germany
        ("52,3508", "", "longitude", BOTH_OR_NEITHER),
        ("", "5,2647", "latitude", BOTH_OR_NEITHER),
        ("hier", "5,2647", "latitude", "Voer een getal in."),
    ],
)
def test_bad_coordinates_change_nothing(client, org_admin, ocan, latitude, longitude, field, message):
    response = client.post(
        "/organisaties/ocan-almere/bewerken/",
        profile(
            ocan,
            name="Andere naam",
            latitude=latitude,
            longitude=longitude,
        ),
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    ocan.refresh_from_db()
    assert ocan.name == "Ocan Almere"
    assert ocan.latitude is None and ocan.longitude is None


def test_a_name_taken_in_the_municipality_is_refused(client, org_admin, ocan):
    make("Gemeente Almere")
    response = client.post("/organisaties/ocan-almere/bewerken/", profile(ocan, name="gemeente almere"))
    assert response.status_code == 200
    assert "Er staat al een organisatie met deze naam in Almere" in response.content.decode()
    ocan.refresh_from_db()
    assert ocan.name == "Ocan Almere"


def test_admin_uploads_and_removes_a_logo(client, org_admin, ocan):
    response = client.post("/organisaties/ocan-almere/bewerken/", profile(ocan, logo_upload=image_file()))
    assert response.status_code == 302, response.context["form"].errors
    ocan.refresh_from_db()
    assert ocan.logo.title == "Logo van Ocan Almere"
    assert (ocan.logo.width, ocan.logo.height) == (120, 60)
    assert 'class="site-logo-image"' in client.get("/organisaties/ocan-almere/").content.decode()
    edit_page = client.get("/organisaties/ocan-almere/bewerken/").content.decode()
    assert 'alt="Huidig logo van Ocan Almere"' in edit_page and "Het huidige logo weghalen" in edit_page

    response = client.post("/organisaties/ocan-almere/bewerken/", profile(ocan, remove_logo="on"))
    assert response.status_code == 302
    ocan.refresh_from_db()
    assert ocan.logo is None


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            lambda: SimpleUploadedFile("logo.png", b"geen plaatje", content_type="image/png"),
            "Upload een geldige afbeelding",
        ),
        (lambda: image_file("logo.png", "GIF"), "Upload een logo als JPG-, PNG- of WebP-bestand."),
        (lambda: image_file("logo.bmp", "BMP"), "Bestandsextensie"),
        (lambda: image_file(size=(1100, 1000), noise=True), "Een logo mag hooguit 2 MB zijn."),
        (lambda: image_file(size=(4100, 10)), "hooguit 4000 bij 4000 pixels"),
    ],
)
def test_a_bad_logo_is_refused_and_changes_nothing(client, org_admin, ocan, upload, message):
    response = client.post(
        "/organisaties/ocan-almere/bewerken/", profile(ocan, name="Andere naam", logo_upload=upload())
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["logo_upload"])
    ocan.refresh_from_db()
    assert ocan.name == "Ocan Almere" and ocan.logo is None


def registration(**overrides):
    data = {
        "name": "Buurtkamer De Schakel",
        "kind": "informeel",
        "municipality": Municipality.objects.get(name="Almere").pk,
        "description": "Wij helpen buren met brieven en rekeningen.",
        "neighbourhood": "Haven",
        "target_groups": [TargetGroup.get_or_create_by_name("Ouderen").pk],
        "languages": [Language.get_or_create_by_name("Arabisch").pk, Language.get_or_create_by_name("Turks").pk],
        "latitude": "52,3712",
        "longitude": "5,2201",
    }
    data.update(overrides)
    return data


def test_a_registered_organisation_gets_its_marker_once_verified(client, member):
    client.force_login(member)
    response = client.post("/organisaties/nieuw/", registration())
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(name="Buurtkamer De Schakel")
    assert organisation.neighbourhood == "Haven"
    assert [group.name for group in organisation.target_groups.all()] == ["Ouderen"]
    assert sorted(language.name for language in organisation.languages.all()) == ["Arabisch", "Turks"]
    assert "Buurtkamer De Schakel" not in map_points(client)
    Organisation.objects.filter(pk=organisation.pk).update(status="verified")
    assert map_points(client)["Buurtkamer De Schakel"] == (52.3712, 5.2201)
    assert (
        client.get("/sociale-kaart/", {"taal": "turks", "wijk": "Haven"}).context["page_obj"].object_list[0]
        == organisation
    )


@pytest.mark.parametrize(
    "latitude, longitude, message",
    [("50,1", "5,2", NOT_IN_NETHERLANDS), ("52,37", "", BOTH_OR_NEITHER)],
)
def test_registering_with_bad_coordinates_creates_nothing(client, member, latitude, longitude, message):
    client.force_login(member)
    response = client.post("/organisaties/nieuw/", registration(latitude=latitude, longitude=longitude))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
