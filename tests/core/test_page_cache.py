"""The page cache for anonymous visitors: hits without queries, purges on change, nothing personal stored."""

import gzip

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.services import register
from members.models import Organisation
from search.models import QueryStat
from tests.events.factories import EventPageFactory, EventSeriesPageFactory, RegistrationFactory, agenda
from tests.factories import StoryPageFactory, UserFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def library(home):
    from library.models import LibraryIndexPage

    return LibraryIndexPage.objects.first() or _library(home)


def _library(home):
    from library.models import LibraryIndexPage

    index = LibraryIndexPage(title="Bibliotheek", slug="bibliotheek")
    home.add_child(instance=index)
    return index


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


def test_second_anonymous_request_is_served_from_the_cache_without_queries(visitor, content_page):
    first, _ = queries_for(visitor, content_page.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second, count = queries_for(visitor, content_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert count == 0
    assert second.content == first.content


def test_anonymous_page_sets_no_cookie_and_tells_a_proxy_it_may_keep_it(visitor, content_page):
    response = visitor.get(content_page.url)
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert f"max-age={settings.PAGE_CACHE_MAX_AGE}" in cache_control
    assert f"s-maxage={settings.PAGE_CACHE_MAX_AGE}" in cache_control
    assert "Cookie" in response["Vary"]


def test_language_switch_works_without_a_csrf_token(visitor, content_page):
    response = visitor.post("/taal/", {"language": "en", "next": content_page.url})
    assert response.status_code == 302
    assert visitor.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_language_variants_are_stored_apart(visitor, content_page):
    dutch = visitor.get(content_page.url)
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = visitor.get(content_page.url)
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert b'<html lang="en"' in english.content
    assert b'<html lang="nl"' in dutch.content
    assert visitor.get(content_page.url).content == english.content
    del visitor.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert visitor.get(content_page.url).content == dutch.content


def test_publishing_purges(visitor, content_page):
    visitor.get(content_page.url)
    content_page.title = "Over ons, vernieuwd"
    content_page.save_revision().publish()
    response = visitor.get(content_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Over ons, vernieuwd" in response.content.decode()


def test_unpublishing_purges_lists(visitor, home, library):
    story = StoryPageFactory(parent=library, title="Inloop in Almere")
    assert "Inloop in Almere" in visitor.get(library.url).content.decode()
    story.unpublish()
    assert "Inloop in Almere" not in visitor.get(library.url).content.decode()
    assert visitor.get(story.url).status_code == 404


def test_moving_a_page_purges(visitor, home, content_page):
    other = content_page.__class__(title="Elders", slug="elders", show_in_menus=True)
    home.add_child(instance=other)
    assert visitor.get(content_page.url).status_code == 200
    content_page.move(other, pos="last-child")
    moved = visitor.get("/over-het-platform/")
    assert moved.status_code == 301 and moved["Location"] == "/elders/over-het-platform/"


def test_an_organisation_change_purges(visitor, db):
    organisation = Organisation.objects.create(
        name="Voedselbank Almere", slug="voedselbank-almere", kind="formeel", status=Organisation.Status.VERIFIED
    )
    assert "Voedselbank Almere" in visitor.get("/sociale-kaart/").content.decode()
    organisation.name = "Voedselbank Flevoland"
    organisation.save()
    assert "Voedselbank Flevoland" in visitor.get("/sociale-kaart/").content.decode()


def test_a_registration_purges_the_free_seats(visitor, home, django_capture_on_commit_callbacks):
    agenda()
    event = EventPageFactory(title="Netwerkbijeenkomst", capacity=3)
    assert "nog 3 plaatsen vrij" in visitor.get(event.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, user=UserFactory(email="lid@voorbeeld.nl"))
    assert "nog 2 plaatsen vrij" in visitor.get(event.url).content.decode()


@pytest.fixture
def full_soon(home):
    """A meeting with one seat left, in a series, with a story and a page that show no seats."""
    series = EventSeriesPageFactory(title="Ontmoetingen", registration_mode="single")
    event = EventPageFactory(parent=series, title="Ontmoeting over geldzorgen", capacity=2)
    RegistrationFactory(event=event)
    return event


def _register(event, user, capture):
    with capture(execute=True):
        return register(event, user=user)


def test_a_registration_drops_every_page_that_shows_the_seats(
    visitor, full_soon, member, django_capture_on_commit_callbacks
):
    series, agenda_page = full_soon.get_parent(), agenda()
    assert "nog 1 plaats vrij" in visitor.get(full_soon.url).content.decode()
    assert "vol, wachtlijst" not in visitor.get(agenda_page.url).content.decode()
    assert "vol, wachtlijst" not in visitor.get(series.url).content.decode()
    for url in (full_soon.url, agenda_page.url, series.url):
        assert visitor.get(url)["X-Page-Cache"] == "hit"

    _register(full_soon, member, django_capture_on_commit_callbacks)

    event_page = visitor.get(full_soon.url)
    assert event_page["X-Page-Cache"] == "miss"
    assert "vol" in event_page.content.decode() and "nog 1 plaats vrij" not in event_page.content.decode()
    assert "vol, wachtlijst" in visitor.get(agenda_page.url).content.decode()
    assert "vol, wachtlijst" in visitor.get(series.url).content.decode()


def test_a_registration_keeps_the_pages_that_show_no_seats(
    visitor, full_soon, member, content_page, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=_library(full_soon.get_site().root_page), title="Inloop in Almere")
    for url in ("/", content_page.url, story.url, "/sociale-kaart/"):
        visitor.get(url)

    _register(full_soon, member, django_capture_on_commit_callbacks)

    for url in ("/", content_page.url, story.url, "/sociale-kaart/"):
        assert visitor.get(url)["X-Page-Cache"] == "hit", url
    assert visitor.get(full_soon.url)["X-Page-Cache"] == "miss"


def test_a_cancelled_seat_shows_again(visitor, full_soon, member, django_capture_on_commit_callbacks):
    taken = _register(full_soon, member, django_capture_on_commit_callbacks)
    assert "nog 1 plaats vrij" not in visitor.get(full_soon.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        taken.delete()
    assert "nog 1 plaats vrij" in visitor.get(full_soon.url).content.decode()


def test_more_seats_set_directly_show_at_once(visitor, full_soon, django_capture_on_commit_callbacks):
    from events.services import set_capacity

    assert "nog 1 plaats vrij" in visitor.get(full_soon.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        set_capacity(full_soon, 5)
    assert "nog 4 plaatsen vrij" in visitor.get(full_soon.url).content.decode()


def test_a_change_of_the_whole_site_still_drops_the_pages_with_seats(visitor, full_soon):
    visitor.get(full_soon.url)
    full_soon.title = "Ontmoeting over schulden"
    full_soon.save_revision().publish()
    response = visitor.get(full_soon.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ontmoeting over schulden" in response.content.decode()


def test_a_seat_taken_while_the_page_is_made_is_not_hidden_by_it(visitor, full_soon, monkeypatch):
    """The seats' version is read before the page is made: a page made around a registration is not kept."""
    from events import views

    counted = views.services.seat_summary

    def register_meanwhile(event, **kwargs):
        summary = counted(event, **kwargs)
        if not registered:
            registered.append(RegistrationFactory(event=full_soon))  # after the page counted the seats
        return summary

    registered = []
    monkeypatch.setattr(views.services, "seat_summary", register_meanwhile)
    assert "nog 1 plaats vrij" in visitor.get(full_soon.url).content.decode()
    assert "nog 1 plaats vrij" not in visitor.get(full_soon.url).content.decode()


def test_a_kept_part_that_counted_seats_is_made_again_after_a_registration(full_soon, settings):
    from core import pagecache
    from events.models import Registration

    settings.PAGE_CACHE_SECONDS = 300
    made = []

    def count():
        made.append(1)
        return Registration.objects.filter(event=full_soon).count()

    with pagecache._watching_reads() as first_page:
        assert pagecache.remembered("seats-taken", count) == 1
    with pagecache._watching_reads() as second_page:
        assert pagecache.remembered("seats-taken", count) == 1
    assert len(made) == 1
    # A page that shows a kept part depends on what the part read, also when it was kept.
    assert first_page == second_page == {"seats"}
    RegistrationFactory(event=full_soon)
    assert pagecache.remembered("seats-taken", count) == 2
    assert len(made) == 2


def test_an_entry_of_an_older_release_is_made_anew(visitor, content_page):
    from core import pagecache

    visitor.get(content_page.url)
    key = pagecache._key(visitor.get(content_page.url).wsgi_request, gzip=False)
    pagecache._cache().set(key, (pagecache.current_version(), 0.0, 200, [], b"oud"), 300)
    response = visitor.get(content_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Over het platform" in response.content


def test_a_logged_in_member_is_never_served_or_stored(client, member, content_page):
    anonymous = Client()
    anonymous.get(content_page.url)
    client.force_login(member)
    response = client.get(content_page.url)
    assert "X-Page-Cache" not in response
    assert member.email.encode() in response.content or b"Uitloggen" in response.content
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # What the member saw was not stored for the next visitor either.
    assert anonymous.get(content_page.url).content != response.content


def test_a_page_with_a_form_token_is_not_stored(visitor, db):
    first = visitor.get("/account/login/")
    assert b"csrfmiddlewaretoken" in first.content
    assert "X-Page-Cache" not in first
    assert "no-store" in first["Cache-Control"]
    assert visitor.get("/account/login/").get("X-Page-Cache") is None


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(visitor, content_page):
    visitor.get(content_page.url)
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "iets"
    assert "X-Page-Cache" not in visitor.get(content_page.url)


def test_a_stored_search_page_still_counts_in_the_statistics(visitor, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
        StoryPageFactory(parent=_library(home), title="Schulden samen aanpakken")
    first = visitor.get("/zoeken/", {"q": "schulden"})
    second = visitor.get("/zoeken/", {"q": "schulden"})
    nothing = [visitor.get("/zoeken/", {"q": "qwxzv"}) for _ in range(2)]
    page_two = visitor.get("/zoeken/", {"q": "schulden", "pagina": "2"})
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert nothing[1]["X-Page-Cache"] == "hit"
    assert second.content == first.content
    stats = {stat.query: (stat.searches, stat.empty) for stat in QueryStat.objects.all()}
    # Both visits count, the empty one as empty; another page of the same search is no new search.
    assert stats == {"schulden": (2, 0), "qwxzv": (2, 2)}
    assert page_two.status_code == 200


def test_public_html_is_compressed_and_the_variants_are_kept_apart(visitor, content_page):
    plain = visitor.get(content_page.url)
    packed = visitor.get(content_page.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert "Content-Encoding" not in visitor.get(content_page.url)


def test_a_page_with_a_csrf_token_is_not_compressed(visitor, db):
    response = visitor.get("/account/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in response


def _story_count(response):
    kinds = next(facet for facet in response.context["facets"] if facet.param == "soort")
    return next(option.count for option in kinds.options if option.value == "story")


def test_library_counts_are_counted_once_until_a_change_also_for_members(client, member, home):
    library = _library(home)
    StoryPageFactory(parent=library, title="Eerste verhaal")
    client.force_login(member)
    first, first_queries = queries_for(client, library.url)
    second, second_queries = queries_for(client, library.url)
    assert "X-Page-Cache" not in second  # a member's page is never stored, only the counts are kept
    assert _story_count(first) == _story_count(second) == 1
    assert second_queries <= first_queries - 5  # the kind, theme, target group, place and year counts
    StoryPageFactory(parent=library, title="Tweede verhaal")
    assert _story_count(client.get(library.url)) == 2
    assert _story_count(client.get(library.url, {"thema": "bestaat-niet"})) == 0


class Clock:
    """time.time() for core.pagecache, moved on by hand."""

    def __init__(self, start):
        self.now = start

    def time(self):
        return self.now

    def time_ns(self):
        return int(self.now * 1e9)


@pytest.fixture
def clock(monkeypatch):
    import time

    from core import pagecache

    clock = Clock(time.time())
    monkeypatch.setattr(pagecache, "time", clock)
    return clock


def test_an_aged_page_is_made_again_by_one_request_while_the_others_get_the_stored_one(
    visitor, content_page, clock, monkeypatch
):
    from core import pagecache
    from home.models import ContentPage

    assert visitor.get(content_page.url)["X-Page-Cache"] == "miss"
    # A change that purges nothing (no signal), so only age can bring it onto the page.
    ContentPage.objects.filter(pk=content_page.pk).update(title="Over het platform, bijgewerkt")
    clock.now += settings.PAGE_CACHE_SECONDS - 1
    assert visitor.get(content_page.url)["X-Page-Cache"] == "hit"

    clock.now += 2  # older than PAGE_CACHE_SECONDS: another request is making it anew
    monkeypatch.setattr(pagecache, "_refresh_claimed", lambda key: False)
    stale = visitor.get(content_page.url)
    assert stale["X-Page-Cache"] == "stale" and "bijgewerkt" not in stale.content.decode()
    monkeypatch.undo()
    monkeypatch.setattr(pagecache, "time", clock)

    made = visitor.get(content_page.url)  # the first request of all after the age limit makes it
    assert made["X-Page-Cache"] == "miss" and "Over het platform, bijgewerkt" in made.content.decode()
    again = visitor.get(content_page.url)
    assert again["X-Page-Cache"] == "hit" and "bijgewerkt" in again.content.decode()


def test_a_purged_page_is_never_served_stale(visitor, content_page, clock, monkeypatch):
    from core import pagecache

    visitor.get(content_page.url)
    clock.now += settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(pagecache, "_refresh_claimed", lambda key: False)
    content_page.title = "Over ons, vernieuwd"
    content_page.save_revision().publish()
    response = visitor.get(content_page.url)
    assert response["X-Page-Cache"] == "miss" and "Over ons, vernieuwd" in response.content.decode()


def test_only_one_request_claims_the_refresh(visitor, content_page, clock):
    from core import pagecache

    visitor.get(content_page.url)
    clock.now += settings.PAGE_CACHE_SECONDS + 1
    key = "pagecache:nl:id:test"
    assert pagecache._refresh_claimed(key) is True
    assert pagecache._refresh_claimed(key) is False


def test_of_eight_threads_at_once_one_makes_the_aged_page(db):
    import threading

    from core import pagecache

    results, start = [], threading.Barrier(8)

    def ask():
        start.wait()
        results.append(pagecache._refresh_claimed("pagecache:nl:id:samen"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
