"""One set of rules for an organisation, kept by the model: the registration form on the site, the Wagtail
admin and the import refuse the same postcode, phone number, coordinates and slug with the same Dutch message,
and store good values in the same shape."""

import pytest
from django.urls import get_resolver

from core.taxonomy import Municipality
from members.importer import COLUMNS, OPTIONAL_COLUMNS, import_text
from members.models import Organisation
from members.models.organisations import RESERVED_SLUGS
from tests.conftest import SignedInClient

from .conftest import make

pytestmark = pytest.mark.django_db

POSTCODE = "Vul een postcode in als 1234 AB. Een postcode heeft vier cijfers (de eerste is geen 0) en twee letters."
PHONE = "Vul een telefoonnummer in dat te bellen is, zoals 020 123 4567 of 06 12345678."
NOT_IN_NETHERLANDS = "Deze plek ligt niet in Nederland."
RESERVED = "Het adres nieuw is al in gebruik voor een pagina van de site. Kies een ander."

BAD = [
    ("postcode", {"postcode": "0123 AB"}, POSTCODE),  # the form used to accept a leading 0
    ("postcode", {"postcode": "0123"}, POSTCODE),
    ("postcode", {"postcode": "1234 SS"}, POSTCODE),  # SA, SD and SS are not issued
    ("phone", {"phone": "bel 06-12345678"}, PHONE),
    ("phone", {"phone": "020 1234"}, PHONE),  # too short to be a number
    ("phone", {"phone": "06 12345678 #2"}, PHONE),  # a tel: link cannot dial an extension
    ("latitude", {"latitude": "48,8566", "longitude": "2,3522"}, NOT_IN_NETHERLANDS),  # Paris
]
GOOD = {"postcode": " 1315ab ", "phone": "+31 (0)36-123 45 67", "latitude": "52,3712", "longitude": "5,2201"}
STORED = {"postcode": "1315 AB", "phone": "036 123 4567"}


def site_form(**values):
    return {
        "name": "Buurtkamer De Schakel",
        "kind": "informeel",
        "municipality": Municipality.objects.get(name="Almere").pk,
        "description": "Wij helpen buren met brieven en rekeningen.",
        **values,
    }


def admin_form(**values):
    return {
        "name": "Buurtkamer De Schakel",
        "slug": "buurtkamer-de-schakel",
        "kind": "informeel",
        "status": "verified",
        "municipality": Municipality.objects.get(name="Almere").pk,
        "description": "Wij helpen buren.",
        "last_confirmed": "2026-01-05",
        "walk_in_hours-TOTAL_FORMS": "0",
        "walk_in_hours-INITIAL_FORMS": "0",
        "walk_in_hours-MIN_NUM_FORMS": "0",
        "walk_in_hours-MAX_NUM_FORMS": "20",
        "walk_in_closures-TOTAL_FORMS": "0",
        "walk_in_closures-INITIAL_FORMS": "0",
        "walk_in_closures-MIN_NUM_FORMS": "0",
        "walk_in_closures-MAX_NUM_FORMS": "30",
        "walk_in_notices-TOTAL_FORMS": "0",
        "walk_in_notices-INITIAL_FORMS": "0",
        "walk_in_notices-MIN_NUM_FORMS": "0",
        "walk_in_notices-MAX_NUM_FORMS": "30",
        # The admin's number fields take a decimal point, the site's also a comma.
        **{
            name: value.replace(",", ".") if name in ("latitude", "longitude") else value
            for name, value in values.items()
        },
    }


def csv_text(**values):
    columns = COLUMNS + OPTIONAL_COLUMNS
    cells = {"name": "Buurtkamer De Schakel", "kind": "informeel", "municipality": "Almere", **values}
    return "\n".join([",".join(columns), ",".join(f'"{cells.get(column, "")}"' for column in columns)])


@pytest.mark.parametrize("field, values, message", BAD)
def test_the_site_form_refuses(client, member, field, values, message):
    client.force_login(member)
    response = client.post("/organisaties/nieuw/", site_form(**values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("field, values, message", BAD)
def test_the_wagtail_admin_refuses(editor_client, field, values, message):
    response = editor_client.post("/admin/snippets/members/organisation/add/", admin_form(**values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("field, values, message", BAD)
def test_the_import_refuses(field, values, message):
    report = import_text(csv_text(**values))
    ((number, reason),) = report.failed
    assert number == 2
    assert message in reason
    assert repr(values[field]) in reason  # the value as it stands in the file
    assert not Organisation.objects.exists()


def test_good_values_are_stored_alike_everywhere(member, editor_client):
    site = SignedInClient()  # editor_client is the test's client, logged in as the editor
    site.force_login(member)
    assert site.post("/organisaties/nieuw/", site_form(**GOOD)).status_code == 302
    from_site = Organisation.objects.get()
    Organisation.objects.all().delete()

    response = editor_client.post("/admin/snippets/members/organisation/add/", admin_form(**GOOD))
    assert response.status_code == 302, response.context["form"].errors
    from_admin = Organisation.objects.get()
    Organisation.objects.all().delete()

    report = import_text(csv_text(**GOOD))
    assert report.failed == []
    from_import = Organisation.objects.get()

    for organisation in (from_site, from_admin, from_import):
        assert (organisation.postcode, organisation.phone) == (STORED["postcode"], STORED["phone"])
        assert (str(organisation.latitude), str(organisation.longitude)) == ("52.371200", "5.220100")


def test_a_reserved_slug_is_refused_by_the_admin_and_avoided_by_the_import_and_the_site(member, editor_client):
    response = editor_client.post("/admin/snippets/members/organisation/add/", admin_form(name="Nieuw", slug="nieuw"))
    assert response.status_code == 200
    assert RESERVED in " ".join(response.context["form"].errors["slug"])
    assert not Organisation.objects.exists()

    assert import_text(csv_text(name="Nieuw", municipality="Ede")).failed == []
    assert Organisation.objects.get().slug == "nieuw-ede"

    site = SignedInClient()
    site.force_login(member)
    assert site.post("/organisaties/nieuw/", site_form(name="Nieuw")).status_code == 302
    assert Organisation.objects.get(municipality__name="Almere").slug == "nieuw-2"
    # The registration page still answers at its address.
    assert site.get("/organisaties/nieuw/").status_code == 200


def test_every_page_under_organisaties_is_a_reserved_slug():
    """A new view at /organisaties/<word>/ must reserve its word, or an organisation could hide it."""
    words = set()
    for pattern in get_resolver().url_patterns:
        for sub in getattr(pattern, "url_patterns", [pattern]):
            route = str(getattr(sub.pattern, "_route", ""))
            parts = route.strip("/").split("/")
            if len(parts) == 2 and parts[0] == "organisaties" and not parts[1].startswith("<"):
                words.add(parts[1])
    assert words == {"nieuw"}
    assert words <= RESERVED_SLUGS


def test_public_means_verified_in_one_place():
    make("Geverifieerd")
    make("Wacht nog", status="awaiting")
    make("Gearchiveerd", status="archived")
    assert [organisation.name for organisation in Organisation.objects.public()] == ["Geverifieerd"]
    assert sorted(organisation.name for organisation in Organisation.objects.active()) == ["Geverifieerd", "Wacht nog"]
    assert [organisation.name for organisation in Organisation.objects.all() if organisation.is_public] == [
        "Geverifieerd"
    ]
