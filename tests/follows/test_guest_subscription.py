"""News by email without an account: double opt-in, nothing stored before the confirmation, no enumeration,
rate limits, suppressed addresses, and expired or tampered links that change nothing."""

import re
import threading

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client

from core.taxonomy import Municipality
from follows import guest
from follows.models import EmailSubscription, SuppressedAddress
from follows.unsubscribe import make_token

pytestmark = pytest.mark.django_db
URL = "/volgen/email/"


@pytest.fixture
def almere(db):
    return Municipality.get_or_create_by_name("Almere")


def ask(client, email="bezoeker@voorbeeld.nl", subject="thema:schulden", **extra):
    return client.post(URL, {"email": email, "subject": subject, "website": "", **extra})


def confirm_link(message):
    (link,) = re.findall(r"https?://\S+/volgen/email/bevestigen/\S+/", message.body)
    return link


def test_asking_sends_a_link_and_stores_nothing(client, schulden, settings, mailoutbox):
    response = ask(client)
    assert response.status_code == 302 and response["Location"] == "/volgen/email/verstuurd/"
    assert EmailSubscription.objects.count() == 0
    (message,) = mailoutbox
    assert message.to == ["bezoeker@voorbeeld.nl"] and "Schulden" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and confirm_link(message) in html
    assert confirm_link(message).startswith(settings.SITE_URL)
    assert "Kijk in uw mailbox" in client.get(response["Location"]).content.decode()


def test_get_shows_a_button_and_only_post_subscribes(client, schulden, mailoutbox):
    ask(client)
    path = confirm_link(mailoutbox[0]).split("kennisplatform.test", 1)[-1]
    page = client.get(path)
    assert page.status_code == 200 and "Ja, stuur mij dit nieuws" in page.content.decode()
    assert EmailSubscription.objects.count() == 0  # a mail scanner following the link subscribes nobody
    done = client.post(path)
    assert done.status_code == 200 and "U bent aangemeld" in done.content.decode()
    subscription = EmailSubscription.objects.get()
    assert (subscription.email, subscription.theme, subscription.language) == ("bezoeker@voorbeeld.nl", schulden, "nl")
    client.post(path)
    assert EmailSubscription.objects.count() == 1  # confirming twice changes nothing


def test_a_municipality_and_the_visitors_language(client, almere, mailoutbox):
    client.post("/taal/", {"language": "en", "next": "/"})
    ask(client, subject=f"gemeente:{almere.slug}")
    path = confirm_link(mailoutbox[0]).split("kennisplatform.test", 1)[-1]
    client.post(path)
    subscription = EmailSubscription.objects.get()
    assert (subscription.municipality, subscription.language) == (almere, "en")


def test_the_form_preselects_from_the_follow_link(client, schulden, almere):
    html = client.get(URL, {"thema": "schulden"}).content.decode()
    assert re.search(r'<option value="thema:schulden" selected>', html)
    html = client.get(URL, {"gemeente": almere.slug}).content.decode()
    assert re.search(rf'<option value="gemeente:{almere.slug}" selected>', html)
    assert client.get(URL, {"thema": "bestaat-niet"}).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "subject": "thema:schulden"}, "Vul uw e-mailadres in."),
        ({"email": "geen-adres", "subject": "thema:schulden"}, "Vul een geldig e-mailadres in"),
        ({"email": "a@voorbeeld.nl", "subject": ""}, "Kies een thema of een gemeente."),
        ({"email": "a@voorbeeld.nl", "subject": "thema:verzonnen"}, "Kies een thema of een gemeente uit de lijst."),
        ({"email": "a@voorbeeld.nl", "subject": "doelgroep:jongeren"}, "Kies een thema of een gemeente uit de lijst."),
    ],
)
def test_bad_input_gets_a_dutch_error_and_sends_nothing(client, schulden, mailoutbox, data, message):
    response = client.post(URL, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert mailoutbox == [] and EmailSubscription.objects.count() == 0


def test_the_same_answer_for_a_known_address_and_nothing_for_a_suppressed_one(client, schulden, mailoutbox):
    EmailSubscription.objects.create(email="bekend@voorbeeld.nl", theme=schulden)
    SuppressedAddress.objects.create(email="weg@voorbeeld.nl", reason="bounce")
    known, suppressed, new = (
        ask(client, "bekend@voorbeeld.nl"),
        ask(client, "weg@voorbeeld.nl"),
        ask(client, "nieuw@voorbeeld.nl"),
    )
    assert known["Location"] == suppressed["Location"] == new["Location"] == "/volgen/email/verstuurd/"
    assert sorted(message.to[0] for message in mailoutbox) == ["bekend@voorbeeld.nl", "nieuw@voorbeeld.nl"]


def test_a_robot_filling_the_hidden_field_gets_the_same_page_and_no_email(client, schulden, mailoutbox):
    response = ask(client, website="http://spam.example")
    assert response.status_code == 302 and mailoutbox == []


def test_expired_and_tampered_links_change_nothing(client, schulden, settings, mailoutbox):
    ask(client)
    path = confirm_link(mailoutbox[0]).split("kennisplatform.test", 1)[-1]
    tampered = client.post(path[:-6] + "xxxxx/")
    assert tampered.status_code == 400 and "klopt niet" in tampered.content.decode()
    settings.GUEST_CONFIRMATION_DAYS = -1
    expired = client.post(path)
    assert expired.status_code == 400 and "verlopen" in expired.content.decode()
    forged = signing.dumps({"e": "x@voorbeeld.nl", "s": "thema:schulden"}, salt="follows.unsubscribe")
    assert client.post(f"/volgen/email/bevestigen/{forged}/").status_code == 400
    assert EmailSubscription.objects.count() == 0


def test_a_subject_removed_before_confirming(client, schulden, mailoutbox):
    ask(client)
    path = confirm_link(mailoutbox[0]).split("kennisplatform.test", 1)[-1]
    schulden.delete()
    response = client.post(path)
    assert response.status_code == 400 and "bestaat niet meer" in response.content.decode()


def test_asking_is_rate_limited_per_address(client, schulden, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "guest_subscription": "50/h/ip,3/h/key"}
    for _ in range(3):
        assert ask(client, "veel@voorbeeld.nl").status_code == 302
    refused = ask(client, "veel@voorbeeld.nl")
    assert refused.status_code == 429 and len(mailoutbox) == 3
    assert ask(client, "ander@voorbeeld.nl").status_code == 302


def test_guests_see_the_email_option_beside_the_follow_button(client, almere):
    html = client.get("/sociale-kaart/", {"gemeente": almere.slug}).content.decode()
    assert f'href="/volgen/email/?gemeente={almere.slug}"' in html
    assert "ontvang het nieuws per e-mail zonder account" in html


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_make_one_subscription(schulden):
    token = guest.confirmation_token("tegelijk@voorbeeld.nl", schulden, "nl")
    start = threading.Barrier(4)
    statuses = []

    def click():
        try:
            start.wait()
            statuses.append(Client().post(f"/volgen/email/bevestigen/{token}/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 4
    assert EmailSubscription.objects.filter(email="tegelijk@voorbeeld.nl").count() == 1


def test_unsubscribing_deletes_the_subscription(client, schulden):
    subscription = EmailSubscription.objects.create(email="weg@voorbeeld.nl", theme=schulden)
    assert client.post(f"/afmelden/{make_token(subscription=subscription)}/").status_code == 200
    assert not EmailSubscription.objects.exists()
    assert mail.outbox == []
