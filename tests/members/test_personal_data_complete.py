"""The export and the erasure cover everything: submissions, uploaded files, guest registrations made with
the member's own address; search statistics keep no addresses or phone numbers."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from events import services
from events.models import Registration
from search.models import QueryStat
from tests.core.test_documents import make_pdf
from tests.events.factories import EventPageFactory, agenda
from tests.library.test_submissions import form_data, library_index, png, submitter, verified_org  # noqa: F401

pytestmark = pytest.mark.django_db


def export(client):
    response = client.get("/account/gegevens/?download=1")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_export_holds_submitted_stories_and_uploaded_files(client, submitter, verified_org, library_index):
    client.force_login(submitter)
    attachment = SimpleUploadedFile("verslag.pdf", make_pdf(["Verslag."]), "application/pdf")
    client.post(
        "/bibliotheek/insturen/", form_data(verified_org, image=png(), image_alt="Het spreekuur", attachment=attachment)
    )
    data = export(client)
    (story,) = data["submitted_stories"]
    assert story["title"] == "Schuldhulp in de moskee"
    assert story["status"] == "Wacht op beoordeling"
    assert "Eerste alinea over de start." in story["text"]
    assert sorted(file["kind"] for file in data["uploaded_files"]) == ["document", "image"]
    # The storage adds a suffix when an earlier upload had the same name.
    documents = [file for file in data["uploaded_files"] if file["kind"] == "document"]
    assert documents[0]["file_name"].startswith("verslag") and documents[0]["file_name"].endswith(".pdf")
    page = client.get("/account/gegevens/").content.decode()
    assert "Schuldhulp in de moskee" in page


@pytest.fixture
def guest_registration(home, member):
    """Someone registers as a visitor, with the member's address and a note, and confirms by the emailed link."""
    agenda()
    event = EventPageFactory(title="Spreekuur schulden")
    response = Client().post(
        event.url + "aanmelden/",
        {"name": "Mijn volledige naam", "email": member.email.upper(), "note": "Ik heb schulden"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    Client().post(f"/aanmelding/bevestigen/{services.confirm_token(registration)}/")
    registration.refresh_from_db()
    # Confirmed through the member's own mailbox: from now on it is the member's.
    assert registration.status == Registration.Status.CONFIRMED and registration.user == member
    return registration


def test_a_guest_registration_with_the_members_address_is_on_my_registrations(client, member, guest_registration):
    client.force_login(member)
    assert "Spreekuur schulden" in client.get("/account/aanmeldingen/").content.decode()
    (exported,) = export(client)["event_registrations"]
    assert exported["note"] == "Ik heb schulden"


def test_a_guest_registration_with_the_members_address_is_erased_with_the_account(client, member, guest_registration):
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"password": "een-sterk-wachtwoord", "confirm": "on"})
    assert response.status_code == 302
    guest_registration.refresh_from_db()
    assert guest_registration.anonymised
    assert (guest_registration.name, guest_registration.email, guest_registration.note) == ("", "", "")


def test_an_unconfirmed_request_with_the_members_address_is_not_theirs_but_goes_with_the_account(client, member, home):
    agenda()
    event = EventPageFactory(title="Spreekuur schulden")
    Client().post(event.url + "aanmelden/", {"name": "Iemand anders", "email": member.email})
    client.force_login(member)
    assert "Spreekuur schulden" not in client.get("/account/aanmeldingen/").content.decode()
    client.post("/account/verwijderen/", {"password": "een-sterk-wachtwoord", "confirm": "on"})
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("schuldhulp jan.jansen@example.nl", "schuldhulp [e-mailadres]"),
        ("Bel 06-12345678 voedselbank", "bel [nummer] voedselbank"),
        ("+31 6 1234 5678", "[nummer]"),
        ("(036) 123 45 67 inloop", "[nummer] inloop"),
        ("armoede 2024", "armoede 2024"),
    ],
)
def test_search_statistics_keep_no_addresses_or_phone_numbers(client, home, typed, stored):
    client.get("/zoeken/", {"q": typed})
    assert list(QueryStat.objects.values_list("query", flat=True)) == [stored]
