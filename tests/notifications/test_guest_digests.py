"""The weekly email of guest subscriptions: what was newly published about their theme or municipality, each item
once across runs, only public live pages, the one-click unsubscribe headers, the subscriber's language."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.taxonomy import Municipality
from follows.models import EmailSubscription, SuppressedAddress
from library.models import StoryPage
from notifications.guest_digests import send_guest_digests
from tests.factories import StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db
WEEK = datetime.timedelta(days=7)


@pytest.fixture
def schulden(db):
    return ThemeFactory(name="Schulden", slug="schulden")


@pytest.fixture
def subscribed(schulden):
    """A guest who confirmed two weeks ago."""
    subscription = EmailSubscription.objects.create(email="gast@voorbeeld.nl", theme=schulden)
    EmailSubscription.objects.filter(pk=subscription.pk).update(confirmed=timezone.now() - 2 * WEEK)
    return EmailSubscription.objects.get(pk=subscription.pk)


def story(title, themes=(), days_ago=1, **kwargs):
    page = StoryPageFactory(title=title, themes=list(themes), **kwargs)
    StoryPage.objects.filter(pk=page.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=days_ago))
    return page


def test_a_digest_with_the_new_items_headers_and_links(home, subscribed, schulden, settings, mailoutbox):
    story("Schuldhulp in de moskee", [schulden], summary="Hoe een moskee en de gemeente samenwerken.")
    story("Over iets anders")
    story("Van voor de aanmelding", [schulden], days_ago=30)
    assert send_guest_digests() == 1
    (message,) = mailoutbox
    assert message.to == ["gast@voorbeeld.nl"] and "Schulden" in message.subject
    assert "Schuldhulp in de moskee" in message.body and "samenwerken" in message.body
    assert "Over iets anders" not in message.body and "Van voor de aanmelding" not in message.body
    html = message.alternatives[0][0]
    assert "<h2>Schulden</h2>" in html
    (unsubscribe,) = re.findall(r"https?://\S+/afmelden/\S+/", message.body)
    assert unsubscribe.startswith(settings.SITE_URL)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_item_twice_and_at_most_one_email_a_week(home, subscribed, schulden, mailoutbox):
    story("Eerste verhaal", [schulden])
    assert send_guest_digests() == 1
    assert send_guest_digests() == 0  # the same run again: nothing new, and not a week later
    story("Tweede verhaal", [schulden], days_ago=0)
    assert send_guest_digests() == 0  # news, but the last email was less than a week ago
    assert send_guest_digests(now=timezone.now() + WEEK + datetime.timedelta(minutes=1)) == 1
    assert "Tweede verhaal" in mailoutbox[-1].body and "Eerste verhaal" not in mailoutbox[-1].body


def test_drafts_and_private_pages_never_appear(home, subscribed, schulden, mailoutbox):
    story("Concept", [schulden], publish=False)
    private = story("Afgeschermd", [schulden])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert send_guest_digests() == 0 and mailoutbox == []


def test_a_municipality_subscription(home, schulden, mailoutbox):
    almere = Municipality.get_or_create_by_name("Almere")
    EmailSubscription.objects.create(email="almere@voorbeeld.nl", municipality=almere, language="en")
    EmailSubscription.objects.filter(email="almere@voorbeeld.nl").update(confirmed=timezone.now() - 2 * WEEK)
    story("Almere helpt", municipality=almere)
    story("Elders")
    assert send_guest_digests() == 1
    assert "Almere helpt" in mailoutbox[0].body and "Elders" not in mailoutbox[0].body
    assert "new" in mailoutbox[0].subject.lower()  # in the subscriber's language


def test_a_suppressed_address_gets_nothing(home, subscribed, schulden, mailoutbox):
    SuppressedAddress.objects.create(email="GAST@voorbeeld.nl", reason="complaint")
    story("Nieuw", [schulden])
    assert send_guest_digests() == 0 and mailoutbox == []


def test_the_one_click_link_ends_the_subscription(client, home, subscribed, schulden, mailoutbox):
    story("Nieuw", [schulden])
    send_guest_digests()
    (link,) = re.findall(r"https?://\S+/afmelden/\S+/", mailoutbox[0].body)
    response = Client().post(link.split("kennisplatform.test", 1)[-1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not EmailSubscription.objects.exists()


def test_a_failed_send_is_tried_again(home, subscribed, schulden, mailoutbox, monkeypatch):
    story("Nieuw", [schulden])

    def broken(self, messages):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    with pytest.raises(OSError):
        send_guest_digests()
    monkeypatch.undo()
    assert send_guest_digests() == 1


def test_the_command_sends_them_too(home, subscribed, schulden, mailoutbox):
    story("Nieuw", [schulden])
    call_command("send_digests", stdout=open("/dev/null", "w"))
    assert [message.to for message in mailoutbox] == [["gast@voorbeeld.nl"]]
