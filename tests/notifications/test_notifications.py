import datetime
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from core import personal_data
from follows.models import DeliveryPreference, Follow, Frequency, NewsKind, SuppressedAddress
from home.demo import home_page
from notifications.delivery import digest_cutoffs, send_due
from notifications.models import Notification
from tests.events.factories import EventPageFactory
from tests.factories import StoryPageFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def follow(user, target):
    return Follow.objects.create(user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk)


def prefer(user, kind, frequency):
    DeliveryPreference.objects.create(user=user, kind=kind, frequency=frequency)


def next_week():
    return timezone.now() + datetime.timedelta(days=8)


@pytest.fixture
def schulden(db):
    return ThemeFactory(name="Schulden", slug="schulden")


@pytest.fixture
def armoede(db):
    return ThemeFactory(name="Armoede", slug="armoede")


@pytest.fixture
def publish(home, django_capture_on_commit_callbacks):
    """Publishes a story and runs what waits for the commit (the fan-out task)."""

    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return StoryPageFactory(**kwargs)

    return make


def test_followers_of_a_theme_get_a_notification_others_do_not(publish, member, schulden):
    follow(member, schulden)
    outsider = UserFactory()
    story = publish(title="Samen uit de schulden", themes=[schulden])
    notification = Notification.objects.get(recipient=member)
    assert notification.page_id == story.pk
    assert notification.kind == NewsKind.MATERIAL
    assert notification.theme == schulden
    assert not Notification.objects.filter(recipient=outsider).exists()
    # Material waits for the weekly digest by default: no email yet.
    assert mail.outbox == []


def test_a_draft_is_no_news(publish, member, schulden):
    follow(member, schulden)
    publish(title="Concept", themes=[schulden], publish=False)
    assert not Notification.objects.exists()


def test_immediate_email_in_text_and_html_with_settings_link(publish, member, schulden, mailoutbox):
    follow(member, schulden)
    prefer(member, NewsKind.MATERIAL, Frequency.IMMEDIATELY)
    publish(title="Samen uit de schulden", themes=[schulden])
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [member.email]
    assert "Samen uit de schulden" in email.subject
    assert "https://kennisplatform.test/account/volgen/" in email.body
    assert "Schulden" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert "Samen uit de schulden</a>" in html


def test_weekly_digest_groups_by_theme_and_never_sends_twice(publish, member, schulden, armoede, mailoutbox):
    follow(member, schulden)
    follow(member, armoede)
    publish(title="Over schulden", themes=[schulden])
    publish(title="Over armoede", themes=[armoede])
    assert send_due() == 0  # not due before the next weekly moment
    assert send_due(next_week()) == 1
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert body.index("Armoede") < body.index("Over armoede") < body.index("Schulden") < body.index("Over schulden")
    assert "2 nieuwe berichten" in mailoutbox[0].subject
    # Again, and after a republish: nothing new.
    assert send_due(next_week()) == 0
    story = Notification.objects.first().page.specific
    story.save_revision().publish()
    assert Notification.objects.count() == 2
    assert send_due(next_week()) == 0
    assert len(mailoutbox) == 1


def test_daily_digest_waits_for_the_digest_hour(settings):
    settings.DIGEST_HOUR = 7
    settings.DIGEST_WEEKDAY = 0
    now = timezone.make_aware(datetime.datetime(2026, 12, 3, 6, 30))  # a Thursday, before 07:00
    daily, weekly = digest_cutoffs(now)
    assert daily == timezone.make_aware(datetime.datetime(2026, 12, 2, 7, 0))
    assert weekly == timezone.make_aware(datetime.datetime(2026, 11, 30, 7, 0))


def test_never_by_email_stays_on_the_site(publish, member, schulden, mailoutbox):
    follow(member, schulden)
    prefer(member, NewsKind.MATERIAL, Frequency.NEVER)
    publish(themes=[schulden])
    assert send_due(next_week()) == 0
    assert mailoutbox == []
    assert Notification.objects.get(recipient=member).read_at is None


def test_withdrawn_page_is_left_out_of_the_digest(publish, member, schulden, mailoutbox):
    follow(member, schulden)
    story = publish(title="Teruggetrokken", themes=[schulden])
    publish(title="Blijft staan", themes=[schulden])
    story.unpublish()
    assert send_due(next_week()) == 1
    assert "Teruggetrokken" not in mailoutbox[0].body
    assert "Blijft staan" in mailoutbox[0].body


def test_suppressed_address_gets_nothing(publish, member, schulden, mailoutbox):
    follow(member, schulden)
    SuppressedAddress.objects.create(email=member.email, reason=SuppressedAddress.Reason.BOUNCE)
    publish(themes=[schulden])
    assert send_due(next_week()) == 0
    assert mailoutbox == []


def test_new_meeting_of_a_followed_series_and_theme(home, member, schulden, django_capture_on_commit_callbacks):
    follow(member, schulden)
    with django_capture_on_commit_callbacks(execute=True):
        event = EventPageFactory(title="Spreekuur schulden", themes=[schulden])
    assert Notification.objects.get(recipient=member, kind=NewsKind.MEETING).page_id == event.pk


def test_bell_shows_unread_count_and_list_marks_read(client, publish, member, schulden):
    follow(member, schulden)
    publish(title="Samen uit de schulden", themes=[schulden])
    client.force_login(member)
    header = client.get("/").content.decode()
    assert 'class="site-badge">1<' in header
    response = client.get("/account/meldingen/")
    assert response.status_code == 200
    assert "Samen uit de schulden" in response.content.decode()
    assert Notification.objects.get(recipient=member).read_at is not None
    assert 'class="site-badge">1<' not in client.get("/").content.decode()


def test_list_needs_login(client, db):
    response = client.get("/account/meldingen/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_personal_data_export_erase_and_purge(publish, member, schulden, settings):
    follow(member, schulden)
    publish(title="Samen uit de schulden", themes=[schulden])
    exported = personal_data.export(member)["notifications"]
    assert [n["title"] for n in exported] == ["Samen uit de schulden"]
    settings.NOTIFICATION_RETENTION_DAYS = 30
    Notification.objects.update(read_at=timezone.now() - datetime.timedelta(days=31))
    personal_data.purge()
    assert not Notification.objects.exists()
    publish(themes=[schulden])
    personal_data.erase(member)
    assert not Notification.objects.filter(recipient=member).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_never_send_twice(schulden, mailoutbox):
    # An earlier real-transaction test may have emptied the database, the page tree with it.
    home_page()
    members = UserFactory.create_batch(30)
    story = StoryPageFactory(themes=[schulden])
    Notification.objects.bulk_create(
        [Notification(recipient=m, kind=NewsKind.MATERIAL, page=story, title=story.title, url="/x/") for m in members]
    )
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(send_due(next_week()))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 30
    assert sorted(email.to[0] for email in mailoutbox) == sorted(m.email for m in members)


def test_a_changed_meeting_is_news_for_who_heard_of_it_once_per_change(
    home, member, schulden, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member, schulden)
    with django_capture_on_commit_callbacks(execute=True):
        event = EventPageFactory(title="Spreekuur schulden", themes=[schulden])
    for hour in (20, 21):
        event.start = event.start.replace(hour=hour)
        event.end = event.start + datetime.timedelta(hours=2)
        with django_capture_on_commit_callbacks(execute=True):
            event.save_revision().publish()
    changes = Notification.objects.filter(recipient=member, kind=NewsKind.MEETING_CHANGE)
    assert changes.count() == 2
    # Changes go out at once by default: one email per change, the new meeting waits for the digest.
    assert [e.subject for e in mailoutbox] == ["Gewijzigd: Spreekuur schulden"] * 2


def test_demo_members_follow_and_have_notifications_and_a_digest(demo_content, mailoutbox):
    member = Notification.objects.filter(recipient__email="lid@kennisplatform.example")
    assert member.exists()
    assert Follow.objects.filter(user__email="lid@kennisplatform.example").count() >= 2
    digests = [e for e in mailoutbox if e.to == ["lid@kennisplatform.example"]]
    assert digests and "https://kennisplatform.test/account/volgen/" in digests[0].body


def test_one_click_in_the_email_stops_that_kind_without_logging_in(publish, member, schulden, mailoutbox):
    follow(member, schulden)
    prefer(member, NewsKind.MATERIAL, Frequency.IMMEDIATELY)
    publish(title="Samen uit de schulden", themes=[schulden])
    message = mailoutbox[0].message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].split(",")[0].strip("<> ")
    assert url in mailoutbox[0].body
    # What a mail program sends for RFC 8058: a POST with no cookie, session or CSRF token.
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DeliveryPreference.objects.get(user=member, kind=NewsKind.MATERIAL).frequency == Frequency.NEVER
    publish(title="Nog een verhaal", themes=[schulden])
    assert len(mailoutbox) == 1


def test_an_address_suppressed_in_other_case_gets_nothing(publish, member, schulden, mailoutbox):
    follow(member, schulden)
    SuppressedAddress.objects.create(email=member.email.upper(), reason=SuppressedAddress.Reason.BOUNCE)
    publish(themes=[schulden])
    assert send_due(next_week()) == 0
    assert mailoutbox == []


# People


@pytest.fixture
def writer(db):
    from members.models import Profile

    user = UserFactory(email="schrijver@voorbeeld.nl", first_name="Samira")
    Profile.objects.create(user=user, visibility=Profile.Visibility.MEMBERS)
    return user


def test_followers_of_a_person_hear_of_their_story_and_meeting(
    home, publish, member, writer, schulden, django_capture_on_commit_callbacks
):
    follow(member, writer.profile)
    story = publish(title="Wat wij leerden van de inloop", submitted_by=writer)
    assert Notification.objects.get(recipient=member).page_id == story.pk
    with django_capture_on_commit_callbacks(execute=True):
        event = EventPageFactory(title="Dialoogtafel geldzorgen", organisers=[writer])
    assert Notification.objects.get(recipient=member, kind=NewsKind.MEETING).page_id == event.pk
    publish(title="Van iemand anders", submitted_by=UserFactory())
    assert Notification.objects.filter(recipient=member).count() == 2


def test_a_person_who_hides_their_profile_brings_no_more_news(publish, member, writer):
    follow(member, writer.profile)
    writer.profile.visibility = "hidden"
    writer.profile.save()
    publish(title="Verborgen schrijver", submitted_by=writer)
    assert not Notification.objects.filter(recipient=member).exists()
