"""Sending a newsletter: who gets it, the email itself, a crash midway and the unsubscribe link."""

import datetime
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core import personal_data
from follows.models import DeliveryPreference, EmailSubscription, Follow, Frequency, SuppressedAddress
from kennisplatform.settings.base import IMMEDIATE_TASK_BACKEND
from newsletters import sending
from newsletters.models import Delivery, Newsletter
from newsletters.recipients import NEWSLETTER_KIND, recipients
from tests.conftest import DUMMY_TASK_BACKEND
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def follow(user, target):
    Follow.objects.create(user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk)


def addresses(newsletter):
    return sorted(email for email, _user, _subscription in recipients(newsletter))


def test_without_segment_every_member_and_guest_gets_it_once(newsletter, theme, municipality):
    UserFactory(email="a@voorbeeld.nl")
    UserFactory(email="b@voorbeeld.nl")
    EmailSubscription.objects.create(email="gast@voorbeeld.nl", theme=theme)
    EmailSubscription.objects.create(email="gast@voorbeeld.nl", municipality=municipality)
    EmailSubscription.objects.create(email="A@voorbeeld.nl", theme=theme)  # also a member: once
    assert addresses(newsletter) == ["a@voorbeeld.nl", "b@voorbeeld.nl", "gast@voorbeeld.nl"]


def test_members_who_switched_the_newsletter_off_or_left_are_not_included(newsletter):
    UserFactory(email="wel@voorbeeld.nl")
    off = UserFactory(email="uit@voorbeeld.nl")
    DeliveryPreference.objects.create(user=off, kind=NEWSLETTER_KIND, frequency=Frequency.NEVER)
    weekly = UserFactory(email="wekelijks@voorbeeld.nl")
    DeliveryPreference.objects.create(user=weekly, kind=NEWSLETTER_KIND, frequency=Frequency.WEEKLY)
    UserFactory(email="weg@voorbeeld.nl", is_active=False)
    assert addresses(newsletter) == ["wekelijks@voorbeeld.nl", "wel@voorbeeld.nl"]


def test_a_segment_reaches_followers_and_subscribers_of_the_theme_or_the_municipality(
    newsletter, theme, other_theme, municipality
):
    follow(UserFactory(email="thema@voorbeeld.nl"), theme)
    follow(UserFactory(email="ander-thema@voorbeeld.nl"), other_theme)
    follow(UserFactory(email="gemeente@voorbeeld.nl"), municipality)
    UserFactory(email="niets@voorbeeld.nl")
    EmailSubscription.objects.create(email="gast-thema@voorbeeld.nl", theme=theme)
    EmailSubscription.objects.create(email="gast-ander@voorbeeld.nl", theme=other_theme)
    EmailSubscription.objects.create(email="gast-gemeente@voorbeeld.nl", municipality=municipality)

    newsletter.theme = theme
    assert addresses(newsletter) == ["gast-thema@voorbeeld.nl", "thema@voorbeeld.nl"]
    newsletter.municipality = municipality
    assert addresses(newsletter) == [
        "gast-gemeente@voorbeeld.nl",
        "gast-thema@voorbeeld.nl",
        "gemeente@voorbeeld.nl",
        "thema@voorbeeld.nl",
    ]


def test_each_recipient_gets_text_and_html_with_one_click_unsubscribe_headers(newsletter, theme):
    UserFactory(email="lid@voorbeeld.nl")
    EmailSubscription.objects.create(email="gast@voorbeeld.nl", theme=theme)
    assert sending.start(newsletter) == 2

    assert sorted(message.to[0] for message in mail.outbox) == ["gast@voorbeeld.nl", "lid@voorbeeld.nl"]
    for message in mail.outbox:
        assert "Nieuws uit het sociaal domein" in message.subject
        assert "Welkom bij de nieuwsbrief." in message.body
        assert "Samen tegen schulden" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert '<html lang="nl">' in html and "Samen tegen schulden</a>" in html
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = re.fullmatch(r"<(https?://\S+)>", message.extra_headers["List-Unsubscribe"]).group(1)
        assert url in message.body and url in html
        # The headers reach the wire, not only the Python object.
        wire = message.message()
        assert "".join(wire["List-Unsubscribe"].split()) == f"<{url}>"
        assert wire["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    member_mail = next(m for m in mail.outbox if m.to == ["lid@voorbeeld.nl"])
    assert "/account/" in member_mail.body  # the link to the member's settings
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT
    assert newsletter.progress() == (2, 2)


def test_one_click_unsubscribe_works_without_logging_in(newsletter, theme, client):
    member = UserFactory(email="lid@voorbeeld.nl")
    subscription = EmailSubscription.objects.create(email="gast@voorbeeld.nl", theme=theme)
    sending.start(newsletter)
    for message in mail.outbox:
        url = message.extra_headers["List-Unsubscribe"].strip("<>")
        path = url.split("://", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code == 200  # a page asking to confirm, changing nothing
        # What a mail client does for RFC 8058: a POST with this body, no cookie, no CSRF token.
        response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert "U bent afgemeld" in response.content.decode()
    assert DeliveryPreference.objects.get(user=member, kind=NEWSLETTER_KIND).frequency == Frequency.NEVER
    assert not EmailSubscription.objects.filter(pk=subscription.pk).exists()

    mail.outbox.clear()
    again = Newsletter.objects.create(subject="Volgende keer")
    again.items.create(page=newsletter.items.get().page, sort_order=0)
    assert sending.start(again) == 0
    assert mail.outbox == []


def test_a_forged_unsubscribe_link_changes_nothing(client, member):
    response = client.post("/nieuwsbrief/afmelden/vervalst/")
    assert response.status_code == 400
    assert not DeliveryPreference.objects.exists()


def test_bounced_and_complained_addresses_get_nothing(newsletter):
    UserFactory(email="lid@voorbeeld.nl")
    UserFactory(email="stuiter@voorbeeld.nl")
    UserFactory(email="klacht@voorbeeld.nl")
    SuppressedAddress.objects.create(email="stuiter@voorbeeld.nl", reason=SuppressedAddress.Reason.BOUNCE)
    SuppressedAddress.objects.create(email="KLACHT@voorbeeld.nl", reason=SuppressedAddress.Reason.COMPLAINT)
    sending.start(newsletter)
    assert [message.to for message in mail.outbox] == [["lid@voorbeeld.nl"]]
    assert set(newsletter.deliveries.values_list("email", "status")) == {
        ("lid@voorbeeld.nl", Delivery.Status.SENT),
        ("stuiter@voorbeeld.nl", Delivery.Status.SKIPPED),
        ("klacht@voorbeeld.nl", Delivery.Status.SKIPPED),
    }


def test_a_newsletter_is_sent_only_once(newsletter, member):
    sending.start(newsletter)
    with pytest.raises(sending.AlreadySent):
        sending.start(newsletter)
    assert len(mail.outbox) == 1


def test_after_a_crash_midway_sending_resumes_without_sending_anyone_twice(newsletter, monkeypatch, settings):
    for n in range(7):
        UserFactory(email=f"lezer{n}@voorbeeld.nl")
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASK_BACKEND}}  # the worker starts later
    sending.start(newsletter)
    assert mail.outbox == []

    # The worker dies while sending the fourth email of its batch.
    real_message = sending.emails.message
    calls = []

    def crashing(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 4:
            raise MemoryError("worker killed")
        return real_message(*args, **kwargs)

    monkeypatch.setattr(sending.emails, "message", crashing)
    with pytest.raises(MemoryError):
        sending.send_batch(newsletter.pk, size=5)
    assert len(mail.outbox) == 3
    assert newsletter.progress() == (4, 7)  # the one in flight counts as sent: never twice

    # Another worker starts at once: the dead worker's claimed rows wait for their claim to expire.
    monkeypatch.setattr(sending.emails, "message", real_message)
    assert sending.send_batch(newsletter.pk, size=5) == 2
    assert len(mail.outbox) == 5
    later = timezone.now() + sending.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    assert sending.send_batch(newsletter.pk, size=5, now=later) == 1
    assert sending.send_batch(newsletter.pk, size=5, now=later) == 0

    recipients_sent = [message.to[0] for message in mail.outbox]
    assert len(recipients_sent) == len(set(recipients_sent)) == 6
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT
    assert newsletter.progress() == (7, 7)


def test_resume_command_queues_newsletters_still_sending(newsletter, member, settings):
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASK_BACKEND}}
    sending.start(newsletter)
    assert mail.outbox == []
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_TASK_BACKEND}}
    call_command("resume_newsletters", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["lid@voorbeeld.nl"]]
    assert sending.resume_all() == []


def test_the_data_export_lists_received_newsletters_and_erasure_removes_them(newsletter, member):
    sending.start(newsletter)
    exported = personal_data.export(member)["newsletters_received"]
    assert [(row["subject"], row["status"]) for row in exported] == [("Nieuws uit het sociaal domein", "sent")]
    personal_data.erase(member)
    assert not Delivery.objects.filter(email="lid@voorbeeld.nl").exists()


def test_links_in_newsletters_sent_before_still_unsubscribe(client, theme):
    """Newsletters sent before every email used follows.unsubscribe carry links of the old form."""
    from django.core import signing

    member = UserFactory(email="lid@voorbeeld.nl")
    subscription = EmailSubscription.objects.create(email="gast@voorbeeld.nl", theme=theme)
    for value in ({"u": member.pk}, {"s": subscription.pk}):
        path = f"/nieuwsbrief/afmelden/{signing.dumps(value, salt='newsletters.unsubscribe', compress=True)}/"
        assert client.get(path).status_code == 200
        assert "U bent afgemeld" in client.post(path, {"List-Unsubscribe": "One-Click"}).content.decode()
    assert DeliveryPreference.objects.get(user=member).kind == NEWSLETTER_KIND
    assert DeliveryPreference.objects.get(user=member).frequency == Frequency.NEVER
    assert not EmailSubscription.objects.exists()
