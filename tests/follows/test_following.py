"""Following with one button: the rules of follows.following and the POST behind the button."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core.taxonomy import Municipality
from follows import following
from follows.models import Follow
from library.models import LibraryIndexPage
from members.models import Organisation, Profile
from tests.events.factories import EventSeriesPageFactory, agenda
from tests.factories import UserFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def press(client, target, action="follow", next_url="/"):
    return client.post(
        "/volgen/",
        {"kind": following.label_of(target), "id": target.pk, "action": action, "next": next_url},
    )


def test_follow_is_idempotent_and_unfollow_removes_it(member, schulden):
    following.follow(member, schulden)
    following.follow(member, schulden)
    assert Follow.objects.filter(user=member).count() == 1
    assert following.is_following(member, schulden)
    following.unfollow(member, schulden)
    following.unfollow(member, schulden)
    assert not following.is_following(member, schulden)


def test_only_followable_kinds(member):
    with pytest.raises(following.NotFollowable):
        following.follow(member, member)  # a user is no followable thing
    with pytest.raises(following.NotFollowable) as error:
        following.find(member, "auth.user", member.pk)
    assert "kunt u niet volgen" in str(error.value.message)


def test_people_only_when_the_member_may_see_their_profile(member):
    public = ProfileFactory(visibility=Profile.Visibility.PUBLIC)
    members_only = ProfileFactory(visibility=Profile.Visibility.MEMBERS)
    hidden = ProfileFactory(visibility=Profile.Visibility.HIDDEN)
    own = ProfileFactory(user=member)
    following.follow(member, public)
    following.follow(member, members_only)
    for profile in (hidden, own):
        with pytest.raises(following.NotFollowable):
            following.follow(member, profile)
    assert Follow.objects.filter(user=member).count() == 2


def test_a_withdrawn_series_or_unverified_organisation_cannot_be_followed(member):
    series = EventSeriesPageFactory(title="Schuldenvrij-café")
    series.unpublish()
    pending = Organisation.objects.create(name="Nieuw", slug="nieuw", kind="formeel", status="pending")
    for target in (series, pending):
        with pytest.raises(following.NotFollowable):
            following.follow(member, target)


def test_button_follows_and_returns_to_the_page(client, member, organisation):
    client.force_login(member)
    response = press(client, organisation, next_url=organisation.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert following.is_following(member, organisation)
    page = client.get(organisation.get_absolute_url())
    html = page.content.decode()
    assert "U volgt nu Schuldhulp Almere." in html
    assert "Volgend — ontvolgen" in html
    response = press(client, organisation, action="unfollow", next_url=organisation.get_absolute_url())
    assert not following.is_following(member, organisation)
    assert "Volg Schuldhulp Almere" in client.get(organisation.get_absolute_url()).content.decode()


def test_button_never_redirects_to_another_site(client, member, schulden):
    client.force_login(member)
    for next_url in ("https://kwaadaardig.example/", "//kwaadaardig.example/", "javascript:alert(1)", ""):
        response = press(client, schulden, next_url=next_url)
        assert response.status_code == 302
        assert response["Location"] == "/account/volgen/"


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "auth.user", "id": "1"},
        {"kind": "core.theme", "id": "999999"},
        {"kind": "core.theme", "id": "abc"},
        {"kind": "core.theme", "id": "99999999999999999999999"},
        {"kind": "core.theme", "id": "-1"},
        {},
    ],
)
def test_bad_input_gets_a_dutch_404_and_changes_nothing(client, member, schulden, data):
    client.force_login(member)
    response = client.post("/volgen/", data)
    assert response.status_code == 404
    assert "Volgen lukt niet" in response.content.decode()
    assert not Follow.objects.exists()


def test_hidden_profile_gives_404_as_if_it_did_not_exist(client, member):
    hidden = ProfileFactory(visibility=Profile.Visibility.HIDDEN)
    client.force_login(member)
    response = press(client, hidden)
    assert response.status_code == 404
    assert "Dit bestaat niet (meer) of u mag het niet zien." in response.content.decode()
    assert not Follow.objects.exists()


def test_anonymous_visitor_is_asked_to_log_in(client, organisation, schulden):
    response = press(client, schulden)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or "login" in response["Location"]
    assert not Follow.objects.exists()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Log in om Schuldhulp Almere te volgen" in html
    assert 'action="/volgen/"' not in html


def test_get_is_not_allowed(client, member):
    client.force_login(member)
    assert client.get("/volgen/").status_code == 405


def test_person_page_has_a_button_but_not_on_ones_own(client, member):
    other = ProfileFactory(
        visibility=Profile.Visibility.MEMBERS, user=UserFactory(first_name="Fatima", last_name="Haddou")
    )
    own = ProfileFactory(user=member, visibility=Profile.Visibility.PUBLIC)
    client.force_login(member)
    assert "Volg Fatima Haddou" in client.get(other.get_absolute_url()).content.decode()
    assert 'action="/volgen/"' not in client.get(own.get_absolute_url()).content.decode()


def test_series_page_has_a_button(client, member):
    series = EventSeriesPageFactory(title="Schuldenvrij-café")
    client.force_login(member)
    response = client.get(series.url)
    assert "Volg reeks Schuldenvrij-café" in response.content.decode()
    press(client, series)
    assert following.is_following(member, series)


def test_library_filtered_on_one_theme_offers_to_follow_it(client, member, home, schulden):
    index = home.add_child(instance=LibraryIndexPage(title="Bibliotheek", slug="bibliotheek"))
    client.force_login(member)
    assert "Volg thema Schulden" in client.get(index.url, {"thema": "schulden"}).content.decode()
    assert "Volg thema" not in client.get(index.url).content.decode()
    assert "Volg thema" not in client.get(index.url, {"thema": ["schulden", "armoede"]}).content.decode()
    assert "Volg thema" not in client.get(index.url, {"thema": "bestaat-niet"}).content.decode()


def test_follow_rows_point_to_followable_content_types_only(member, schulden):
    following.follow(member, schulden)
    row = Follow.objects.get()
    assert row.content_type == ContentType.objects.get_for_model(schulden)


def test_agenda_and_social_map_filtered_on_one_subject_offer_to_follow_it(client, member, home, schulden):
    Municipality.get_or_create_by_name("Almere")
    client.force_login(member)
    assert "Volg thema Schulden" in client.get(agenda().url, {"thema": "schulden"}).content.decode()
    assert "Volg gemeente Almere" in client.get("/sociale-kaart/", {"gemeente": "almere"}).content.decode()


def test_in_place_follow_returns_only_the_new_button(client, member, organisation):
    """follow.js posts with X-Requested-With: fetch and swaps in the answer; no message waits for the next page."""
    client.force_login(member)
    response = client.post(
        "/volgen/",
        {"kind": "members.organisation", "id": organisation.pk, "next": organisation.get_absolute_url()},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "U volgt Schuldhulp Almere." in html
    assert f'name="next" value="{organisation.get_absolute_url()}"' in html
    assert following.is_following(member, organisation)
    assert "U volgt nu" not in client.get(organisation.get_absolute_url()).content.decode()
