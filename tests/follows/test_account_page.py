"""/account/volgen/ "Wat ik volg": the follows with an unfollow button each, and how often email comes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import personal_data
from follows import following
from follows.models import DeliveryPreference, Follow, Frequency, NewsKind
from members.models import Profile
from notifications.delivery import send_due
from notifications.fanout import fan_out
from notifications.models import Notification
from tests.events.factories import EventSeriesPageFactory
from tests.factories import StoryPageFactory, ThemeFactory, UserFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db

URL = "/account/volgen/"


def all_kinds(**overrides):
    data = {kind.value: Frequency.WEEKLY for kind in NewsKind}
    data.update(overrides)
    return data


def test_anonymous_visitor_must_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_lists_follows_grouped_by_kind(client, member, schulden, organisation):
    person = ProfileFactory(user=UserFactory(first_name="Fatima", last_name="Haddou"))
    series = EventSeriesPageFactory(title="Schuldenvrij-café")
    for target in (schulden, organisation, person, series):
        following.follow(member, target)
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert html.index("Thema&#x27;s") < html.index("Schulden") < html.index("Organisaties")
    assert html.index("Organisaties") < html.index("Schuldhulp Almere") < html.index("Reeksen van bijeenkomsten")
    assert html.index("Schuldenvrij-café") < html.index("Mensen") < html.index("Fatima Haddou")
    assert html.count(">Ontvolgen<") == 4
    assert f'href="{organisation.get_absolute_url()}">Schuldhulp Almere</a>' in html
    assert f'href="{series.url}">Schuldenvrij-café</a>' in html
    assert f'href="{person.get_absolute_url()}">Fatima Haddou</a>' in html
    assert 'aria-current="page">Wat ik volg' in html


def test_someone_who_follows_nothing_is_told_how(client, member):
    client.force_login(member)
    assert "U volgt nog niets." in client.get(URL).content.decode()


def test_unfollow_button_removes_only_ones_own_follow(client, member, schulden):
    other = UserFactory()
    following.follow(member, schulden)
    following.follow(other, schulden)
    theirs = Follow.objects.get(user=other)
    client.force_login(member)
    response = client.post(f"{URL}{theirs.pk}/ontvolgen/")
    assert response.status_code == 404
    assert Follow.objects.count() == 2
    mine = Follow.objects.get(user=member)
    response = client.post(f"{URL}{mine.pk}/ontvolgen/")
    assert response.status_code == 302
    assert list(Follow.objects.all()) == [theirs]
    assert client.post(f"{URL}{mine.pk}/ontvolgen/").status_code == 404  # twice: already gone
    assert client.post(f"{URL}99999999999999999999999/ontvolgen/").status_code == 404


def test_frequencies_shown_with_defaults_and_saved(client, member):
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert html.count("<fieldset") == len(NewsKind)
    assert "<legend" in html
    response = client.post(URL, all_kinds(material=Frequency.DAILY, reply=Frequency.NEVER))
    assert response.status_code == 302
    assert following.frequencies_of(member)[NewsKind.MATERIAL] == Frequency.DAILY
    assert following.frequencies_of(member)[NewsKind.REPLY] == Frequency.NEVER
    page = client.get(URL).content.decode()
    assert "Uw e-mailinstellingen zijn opgeslagen." in page
    assert re.search(r'name="material" value="daily"[^>]* checked', page)
    assert not re.search(r'name="material" value="weekly"[^>]* checked', page)


def test_bad_frequency_gets_a_dutch_error_and_saves_nothing(client, member):
    client.force_login(member)
    response = client.post(URL, all_kinds(material="hourly", meeting=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een van de mogelijkheden." in html
    assert "Kies hoe vaak u hierover e-mail krijgt." in html
    assert not DeliveryPreference.objects.exists()


def test_query_count_does_not_grow_with_follows(client, member):
    client.force_login(member)

    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    following.follow(member, ThemeFactory())
    following.follow(member, ProfileFactory())
    few = count()
    for _ in range(5):
        following.follow(member, ThemeFactory())
        following.follow(member, ProfileFactory())
    assert count() == few


def test_a_profile_hidden_later_is_no_longer_listed(client, member):
    person = ProfileFactory(user=UserFactory(first_name="Fatima", last_name="Haddou"))
    following.follow(member, person)
    person.visibility = Profile.Visibility.HIDDEN
    person.save()
    client.force_login(member)
    assert "Fatima Haddou" not in client.get(URL).content.decode()
    assert not following.may_follow(member, person)


def test_news_about_a_page_closed_since_is_not_sent(home, member, schulden, mailoutbox):
    """Losing access stops the news: a page restricted after the fan-out is neither emailed nor under the bell."""
    following.follow(member, schulden)
    following.set_frequencies(member, {NewsKind.MATERIAL: Frequency.IMMEDIATELY})
    story = StoryPageFactory(title="Alleen voor leden", themes=[schulden])
    fan_out(story)
    assert Notification.objects.filter(recipient=member).visible().count() == 1
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert send_due() == 0
    assert mailoutbox == []
    assert not Notification.objects.filter(recipient=member).visible().exists()


def test_demo_member_follows_a_theme_an_organisation_and_a_series_and_has_unread_news(client, demo_content):
    member = UserFactory._meta.model.objects.get(email="lid@kennisplatform.example")
    kinds = {heading for heading, _items in following.follows_of(member)}
    assert {"Thema's", "Organisaties", "Reeksen van bijeenkomsten"} <= {str(k) for k in kinds}
    assert Notification.objects.filter(recipient=member).unread().visible().exists()
    client.force_login(member)
    html = client.get("/").content.decode()
    assert 'class="site-badge"' in html


@pytest.mark.parametrize("role", ["member", "editor", "superuser"])
def test_every_signed_in_role_has_its_own_page(client, request, role, schulden):
    user = request.getfixturevalue(role)
    other = UserFactory()
    following.follow(other, schulden)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "U volgt nog niets." in response.content.decode()  # never someone else's follows
    assert client.post("/volgen/", {"kind": "core.theme", "id": schulden.pk}).status_code == 302
    assert following.is_following(user, schulden)


def test_anonymous_visitor_cannot_unfollow_or_save(client, member, schulden):
    following.follow(member, schulden)
    mine = Follow.objects.get()
    assert client.post(f"{URL}{mine.pk}/ontvolgen/").status_code == 302
    assert client.post(URL, all_kinds()).status_code == 302
    assert Follow.objects.exists()
    assert not DeliveryPreference.objects.exists()


def test_follows_and_frequencies_are_in_the_export_and_gone_with_the_account(client, member, schulden, organisation):
    following.follow(member, schulden)
    following.follow(member, organisation)
    following.set_frequencies(member, {NewsKind.MATERIAL: Frequency.NEVER})
    data = personal_data.export(member)
    assert sorted((f["kind"], f["name"]) for f in data["follows"]) == [
        ("core.theme", "Schulden"),
        ("members.organisation", "Schuldhulp Almere"),
    ]
    assert data["email_frequencies"]["material"] == "never"
    client.force_login(member)
    assert "Wat u volgt" in client.get("/account/gegevens/").content.decode()
    personal_data.erase(member)
    assert not Follow.objects.filter(user=member).exists()
    assert not DeliveryPreference.objects.filter(user=member).exists()
