"""Public forms are rate limited per email address and per IP (allauth's limiter); refusals, CSRF
failures and wrong HTTP methods get a readable page in Dutch, or English with the language switch."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import PageViewRestriction

from events.models import Registration
from members.models import Organisation
from tests.events.factories import EventPageFactory, agenda
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(home):
    agenda()
    return EventPageFactory(title="Spreekuur schulden", capacity=50)


def register(client, event, name, email):
    return client.post(event.url + "aanmelden/", {"name": name, "email": email})


def test_the_guest_form_cannot_flood_one_mailbox(client, event):
    for attempt in range(5):
        assert register(client, event, f"Poging {attempt}", "doelwit@voorbeeld.nl").status_code in (200, 302, 400)
    sent = len(mail.outbox)

    response = register(client, event, "Nog een keer", "DOELWIT@voorbeeld.nl ")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Te veel pogingen kort na elkaar" in html and "niets opgeslagen" in html
    assert len(mail.outbox) == sent
    # Another address from the same visitor still works.
    assert register(client, event, "Ander", "ander@voorbeeld.nl").status_code == 302


def test_the_guest_form_is_limited_per_ip_address(client, event, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_registration": "3/h/ip,5/h/key"}
    for n in range(3):
        assert register(client, event, f"Gast {n}", f"gast{n}@voorbeeld.nl").status_code == 302

    assert register(client, event, "Gast 4", "gast4@voorbeeld.nl").status_code == 429
    assert Registration.objects.filter(event=event).count() == 3
    # Someone else (another address) is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert register(other, event, "Buur", "buur@voorbeeld.nl").status_code == 302


def test_the_429_page_is_english_with_the_language_switch(client, event, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_registration": "1/h/ip"}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    register(client, event, "Gast", "gast@voorbeeld.nl")
    response = register(client, event, "Gast", "gast2@voorbeeld.nl")
    assert response.status_code == 429
    assert "Too many attempts in a short time" in response.content.decode()
    assert response["Retry-After"]


def test_confirmation_links_are_limited_per_ip(client, event, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_link": "2/h/ip"}
    for n in range(2):
        assert client.post(f"/aanmelding/bevestigen/onzin{n}/").status_code == 404
    assert client.post("/aanmelding/bevestigen/onzin3/").status_code == 429


def test_private_page_passwords_cannot_be_guessed_endlessly(client, content_page):
    restriction = PageViewRestriction.objects.create(
        page=content_page, restriction_type=PageViewRestriction.PASSWORD, password="geheim-wachtwoord"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{content_page.pk}/"
    for attempt in range(10):
        response = client.post(url, {"password": f"fout{attempt}", "return_url": content_page.url})
        assert response.status_code == 200  # the form again, with an error
    response = client.post(url, {"password": "geheim-wachtwoord", "return_url": content_page.url})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert restriction.pk not in client.session.get("passed_page_view_restrictions", [])


def test_organisation_registration_is_limited_per_member(client, member, settings):
    municipality = MunicipalityFactory(name="Almere")
    client.force_login(member)
    for n in range(3):
        client.post(
            "/organisaties/nieuw/",
            {
                "name": f"Stichting {n}",
                "kind": "informeel",
                "description": "Wij helpen.",
                "municipality": municipality.pk,
            },
        )
    created = Organisation.objects.count()
    response = client.post(
        "/organisaties/nieuw/",
        {"name": "Stichting 4", "kind": "informeel", "description": "Wij helpen.", "municipality": municipality.pk},
    )
    assert response.status_code == 429
    assert Organisation.objects.count() == created


def test_a_form_without_its_security_token_gets_a_dutch_explanation(event, settings):
    client = Client(enforce_csrf_checks=True)
    response = register(client, event, "Gast", "gast@voorbeeld.nl")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het formulier kon niet worden verstuurd" in html and "cookies" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "The form could not be sent" in register(client, event, "Gast", "gast@voorbeeld.nl").content.decode()
    assert not Registration.objects.exists()


def test_a_wrong_http_method_gets_a_page_not_an_empty_answer(client, event):
    response = client.put(event.url + "aanmelden/")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}
    assert "Dit adres werkt alleen via een formulier of link op de site" in response.content.decode()
