import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from follows.models import DeliveryPreference, EmailSubscription, Frequency, NewsKind, SuppressedAddress
from follows.unsubscribe import list_unsubscribe_headers, may_send_to, unsubscribe_url
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_one_click_post_without_session_stops_one_kind():
    user = UserFactory()
    url = unsubscribe_url(user=user, kind=NewsKind.NEWSLETTER)
    client = Client(enforce_csrf_checks=True)
    response = client.post(path_of(url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DeliveryPreference.objects.get(user=user, kind=NewsKind.NEWSLETTER).frequency == Frequency.NEVER
    assert not DeliveryPreference.objects.filter(user=user, kind=NewsKind.MATERIAL).exists()
    assert client.post(path_of(url)).status_code == 200  # idempotent


def test_get_changes_nothing_and_member_without_kind_stops_everything(client):
    user = UserFactory()
    url = path_of(unsubscribe_url(user=user))
    response = client.get(url)
    assert "Afmelden" in response.content.decode()
    assert 'href="/account/"' in response.content.decode()  # the link to the settings
    assert not DeliveryPreference.objects.exists()
    client.post(url)
    assert set(DeliveryPreference.objects.filter(user=user).values_list("frequency", flat=True)) == {Frequency.NEVER}
    assert DeliveryPreference.objects.filter(user=user).count() == len(NewsKind)


def test_guest_subscription_is_deleted(client):
    subscription = EmailSubscription.objects.create(email="gast@example.org", theme=ThemeFactory())
    client.post(path_of(unsubscribe_url(subscription=subscription)))
    assert not EmailSubscription.objects.exists()


def test_tampered_token_is_a_dutch_400(client):
    url = path_of(unsubscribe_url(user=UserFactory()))
    response = client.post(url.replace("/afmelden/", "/afmelden/x"))
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert not DeliveryPreference.objects.exists()


def test_headers_in_a_real_email(settings):
    settings.FOLLOWS_UNSUBSCRIBE_MAILTO = "afmelden@example.org"
    url = unsubscribe_url(user=UserFactory())
    mail.EmailMessage("x", "y", to=["a@example.org"], headers=list_unsubscribe_headers(url)).send()
    message = mail.outbox[0].message()
    assert message["List-Unsubscribe"] == f"<{url}>, <mailto:afmelden@example.org>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url.startswith(settings.SITE_URL + "/afmelden/")


def test_suppressed_address_is_refused():
    assert may_send_to("Stuiter@Example.org")
    call_command("suppress_address", "stuiter@example.org", "--reason", "bounced")
    assert not may_send_to("Stuiter@Example.org")
    assert SuppressedAddress.objects.get().reason == SuppressedAddress.Reason.BOUNCE


def test_editors_block_a_bounced_address_in_the_admin(editor_client):
    response = editor_client.post(
        "/admin/snippets/follows/suppressedaddress/add/", {"email": " Lid@Voorbeeld.NL ", "reason": "bounce"}
    )
    assert response.status_code == 302
    assert SuppressedAddress.objects.get().email == "lid@voorbeeld.nl"
    assert not may_send_to("LID@voorbeeld.nl")
    assert "Geblokkeerde e-mailadressen" in editor_client.get("/admin/").content.decode()


def test_members_cannot_reach_the_blocked_addresses(db):
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/admin/snippets/follows/suppressedaddress/").status_code in (302, 403)
