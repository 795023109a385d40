"""The search page around its results: bad input, HEAD and JSON errors, help when little is found,
organisations grouped beside the material, partial and past results."""

import datetime
import html as html_lib
import re

import pytest
from django.test import Client
from django.utils import timezone

from search import guidance, services
from search.backends.base import SearchDocument
from search.models import QueryStat
from tests.factories import ThemeFactory
from tests.search.test_views import index, story

pytestmark = pytest.mark.django_db


def organisation(n, name, summary, **fields):
    return SearchDocument(
        key=f"members.organisation:{n}",
        type="organisation",
        title=name,
        url=f"/organisaties/org-{n}/",
        summary=summary,
        organisation_kind="informeel",
        **fields,
    )


def page(client, **params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


@pytest.fixture
def material(site_backend):
    ThemeFactory(name="Schulden")
    index(
        story(
            1,
            "Alliantie tegen schulden",
            summary="Vier partners en een convenant.",
            themes=("schulden",),
            municipalities=("almere",),
        ),
        story(2, "Samen met de moskee", summary="Dialoogtafels over schulden en samenwerking."),
        story(3, "Samenwerking in de wijk", summary="Buurtteams en vrijwilligers."),
        *[
            organisation(10 + n, f"Schuldhulp Almere {n}", "Hulp bij schulden.", municipalities=("almere",))
            for n in range(5)
        ],
    )


# Bad input: a clear answer, never a 500


@pytest.mark.parametrize(
    "typed, message",
    [
        ("schulden " * 1200, "langer dan 200 tekens"),
        ("de het een", "alleen uit veelvoorkomende woorden"),
        ("?!...;:", "Typ een of meer woorden"),
        ('"', "Typ een of meer woorden"),
        ("-", "Typ een of meer woorden"),
        ("🙂🙂🙂", "Typ een of meer woorden"),
        ("\x01\x02\x7f\u202e\u200b", None),
    ],
)
def test_bad_input_gets_a_clear_answer(client, material, typed, message):
    html = page(client, q=typed)
    if message:
        assert message in html
    # The search box never holds more than the cap, nor control or invisible characters.
    box = re.search(r'<input[^>]*id="search-q"[^>]*value="([^"]*)"', html, re.S)
    value = box.group(1) if box else ""
    assert len(value) <= services.MAX_QUERY_LENGTH
    assert not re.search(r"[\x00-\x1f\x7f\u200b\u202e]", value)
    data = client.get("/api/v1/search/", {"q": typed}).json()
    assert (message is None and not data["notices"]) or any(message in notice for notice in data["notices"])


def test_a_long_query_is_cut_at_a_word_and_still_searches(client, material):
    html = page(client, q="schulden " * 1200)
    assert "Alliantie tegen schulden" in html
    assert guidance.read_query("schulden " * 1200).text.endswith("schulden")


def test_emoji_and_control_characters_around_words_do_not_stop_the_search(client, material):
    html = page(client, q="🙂 schul\u200bden\x07")
    assert "Alliantie tegen schulden" in html
    assert "Typ een of meer woorden" not in html


def test_a_nul_byte_gets_json_from_the_json_endpoints_and_the_dutch_page_elsewhere(client, material):
    for url in ("/api/v1/search/?q=a%00b", "/zoeken/suggest?q=%00", "/api/v1/search/?theme=%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"].startswith("Dit verzoek kunnen we niet verwerken")
    response = client.get("/zoeken/?q=a%00b")
    assert response.status_code == 400
    assert "Dit adres kunnen we niet verwerken" in response.content.decode()


@pytest.mark.parametrize("url", ["/zoeken/?q=schulden", "/zoeken/suggest?q=all", "/api/v1/search/?q=schulden"])
def test_head_works_like_get_without_a_body_and_is_not_counted(client, material, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200 == get.status_code
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""
    # A search is counted for the GET only; suggestions are never counted.
    assert sum(QueryStat.objects.values_list("searches", flat=True)) == (0 if "suggest" in url else 1)


@pytest.mark.parametrize("url", ["/zoeken/suggest?q=all", "/api/v1/search/?q=schulden"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_get_a_json_405_not_a_csrf_page(material, url, method):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"] == "Deze methode is hier niet toegestaan; gebruik GET."


def test_the_search_page_refuses_post_with_405(material):
    assert Client(enforce_csrf_checks=True).post("/zoeken/", {"q": "schulden"}).status_code == 405


# Organisations grouped beside the material


def test_material_first_and_organisations_in_a_compact_group(client, material):
    html = page(client, q="schulden")
    assert "2 resultaten" in html  # the two stories; the five organisations are grouped
    group = html[html.index('id="org-group-heading"') :]
    assert "5 organisaties" in group
    assert group.count('href="/organisaties/org-') == guidance.ORGANISATION_GROUP_SIZE
    assert "Toon alle 5 organisaties" in group
    assert 'href="/zoeken/?q=schulden&type=organisation"' in group
    # The query names a theme, so the social map is filtered on that theme.
    assert 'href="/sociale-kaart/?hulp=schulden"' in group
    assert html.index("Samen met de moskee") < html.index('id="org-group-heading"')
    # The type facet still counts the organisations, and choosing them gives the plain list.
    assert re.search(r'name="type" value="organisation">\s*<label[^>]*>Organisatie <span class="site-count">\(5<', html)
    only = page(client, q="schulden", type="organisation")
    assert "5 resultaten" in only and 'id="org-group-heading"' not in only


def test_the_group_link_keeps_the_filters_for_the_social_map(client, material):
    html = page(client, q="hulp", municipality="almere", organisation_kind="informeel")
    # No material says "hulp": the organisations are the list itself.
    assert "5 resultaten" in html and 'id="org-group-heading"' not in html
    assert (
        guidance.social_map_url(
            services.SearchQuery(
                text="hulp bij geld", filters={"municipality": ("almere",), "organisation_kind": ("informeel",)}
            ),
            [],
        )
        == "/sociale-kaart/?q=hulp+bij+geld&gemeente=almere&soort=informeel"
    )


def test_the_api_keeps_one_ranked_list(client, material):
    data = client.get("/api/v1/search/", {"q": "schulden"}).json()
    assert data["total"] == 7
    assert {hit["type"] for hit in data["hits"]} == {"story", "organisation"}
    assert {"value": "organisation", "label": "Organisatie", "count": 5, "selected": False} in data["facets"]["type"]


# Help when little is found


def test_few_results_offer_each_words_count_the_finder_and_the_social_map(client, material):
    html = page(client, q="moskee buurtteams")
    help_ = html[html.index('id="search-help-heading"') :]
    assert "moskee (1)</a>" in help_ and "buurtteams (1)</a>" in help_
    assert 'href="/zoeken/?q=moskee"' in help_
    assert 'href="/sociale-kaart/waar-kan-ik-terecht/"' in help_
    assert 'href="/sociale-kaart/?q=moskee+buurtteams"' in help_


def test_a_word_nothing_has_is_shown_without_a_link_and_its_nearest_spelling_offered(client, material):
    html = page(client, q="moskee convenant xylofoon")
    help_ = html[html.index('id="search-help-heading"') :]
    assert "xylofoon (0)" in help_ and 'href="/zoeken/?q=xylofoon"' not in help_
    assert "moskee (1)</a>" in help_ and "convenant (1)</a>" in help_


def test_the_nearest_spelling_of_one_mistyped_word_among_good_ones(client, material):
    # Whether the backend returns partial matches or nothing for the whole query, the page helps.
    html = page(client, q="moskee samenwrking")
    assert "Bedoelde u: " in html or "Dit zijn de resultaten voor “moskee samenwerking”" in html
    assert "moskee samenwerking" in html


def test_a_query_naming_a_theme_fills_in_the_finder(client, material):
    help_ = guidance.finder_url(
        services.SearchQuery(text="Schulden", filters={"municipality": ("almere",)}), guidance.themes_named("Schulden")
    )
    assert help_ == "/sociale-kaart/waar-kan-ik-terecht/?vraag=schulden&gemeente=almere"


def test_many_results_need_no_help(client, material):
    index(*[story(100 + n, f"Schulden verhaal {n}") for n in range(6)])
    assert 'id="search-help-heading"' not in page(client, q="schulden")


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_queries_stay_constant_with_the_group_and_the_help(page_queries, material):
    def add(start, count):
        index(
            *[
                story(n, f"Verhaal {n} over moskee", summary="schulden", themes=("schulden",))
                for n in range(start, start + count)
            ],
            *[
                organisation(n + 1000, f"Organisatie {n}", "Hulp bij schulden en moskee.")
                for n in range(start, start + count)
            ],
        )

    params = {"q": "schulden moskee xylofoon"}
    before = page_queries("/zoeken/", params)
    add(100, 10)
    middle = page_queries("/zoeken/", params)
    add(200, 40)
    assert page_queries("/zoeken/", params) == middle
    assert middle == before


# Partial and past results


def test_partial_results_say_which_words_they_lack_and_past_meetings_are_marked(client, site_backend):
    index(
        story(1, "Samen met de moskee", summary="Dialoogtafels over schulden."),
        SearchDocument(
            key="events.eventpage:2",
            type="event",
            title="Dialoogtafel schulden",
            url="/agenda/dialoog/",
            date=timezone.localdate() - datetime.timedelta(days=30),
        ),
        story(3, "Samenwerking in de wijk", summary="Buurtteams."),
    )
    html = page(client, q="schulden moskee samenwerking")
    assert "Ontbreekt: <s>samenwerking</s>" in html
    assert "Ontbreekt: <s>moskee</s>, <s>samenwerking</s>" in html
    assert html.count("afgelopen") == 1
    assert html.index("Samen met de moskee") < html.index("afgelopen") < html.index("Dialoogtafel schulden")
    # No result has every word: the page helps, with each word's own count.
    for word, count in (("schulden", 2), ("moskee", 1), ("samenwerking", 1)):
        assert f"{word} ({count})</a>" in html
    data = client.get("/api/v1/search/", {"q": "schulden moskee samenwerking"}).json()
    found = {hit["title"]: (hit["missing"], hit["past"]) for hit in data["hits"]}
    assert found["Samen met de moskee"] == (["samenwerking"], False)
    assert found["Dialoogtafel schulden"] == (["moskee", "samenwerking"], True)
