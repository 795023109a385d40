import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search import services
from search.backends.base import Hit, SearchDocument, SearchResults
from search.backends.elasticsearch import MAX_RESULT_WINDOW
from search.models import EditorsPick, QueryStat
from tests.conftest import with_totp
from tests.factories import StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def index(*documents):
    services.get_backend().index(documents)


def story(n, title, **fields):
    fields.setdefault("date", datetime.date(2024, 3, 4))
    return SearchDocument(key=f"library.storypage:{n}", type="story", title=title, url=f"/verhaal-{n}/", **fields)


@pytest.fixture
def material(site_backend):
    ThemeFactory(name="Schulden")
    ThemeFactory(name="Samenwerking")
    index(
        story(
            1,
            "Alliantie tegen schulden",
            summary="Vier partners en een convenant.",
            themes=("schulden",),
            municipalities=("almere",),
        ),
        story(
            2,
            "Samen met de moskee",
            summary="Dialoogtafels over schulden.",
            themes=("samenwerking",),
            date=datetime.date(2023, 1, 1),
        ),
        SearchDocument(
            key="members.organisation:1",
            type="organisation",
            title="Humanitas Almere",
            url="/organisaties/humanitas-almere/",
            summary="Hulp bij schulden.",
            organisation_kind="formeel",
        ),
    )


def test_results_page_shows_ranked_highlighted_hits_with_type_date_and_themes(client, material):
    html = client.get("/zoeken/", {"q": "schulden"}).content.decode()
    assert "2 resultaten" in html  # the material; the organisation is in its own group
    assert html.index("Alliantie tegen schulden") < html.index("Samen met de moskee")
    assert "Dialoogtafels over <mark>schulden</mark>." in html
    assert 'Praktijkverhaal · <time datetime="2024-03-04">' in html
    assert "<li>Schulden</li>" in html  # theme label from the vocabulary, not the slug


def test_facets_combine_and_keep_their_state_in_the_url(client, material):
    response = client.get("/zoeken/", {"q": "schulden", "type": "story", "theme": "schulden"})
    html = response.content.decode()
    assert "1 resultaat" in html
    assert 'name="type" value="story" checked' in html
    assert 'name="theme" value="schulden" checked' in html
    assert 'name="q" value="schulden"' in html
    # The alternatives of a chosen facet stay visible, counted under the other filters.
    assert 'name="theme" value="samenwerking"' in html


def test_browsing_without_a_query_and_sorting_by_date(client, material):
    html = client.get("/zoeken/", {"type": "story", "sort": "date"}).content.decode()
    assert "2 resultaten" in html
    assert html.index("Alliantie tegen schulden") < html.index("Samen met de moskee")


def test_a_typo_shows_the_results_of_the_nearest_words(client, material):
    html = client.get("/zoeken/", {"q": "aliantie"}).content.decode()
    assert "Niets gevonden voor “aliantie”. Dit zijn de resultaten voor “alliantie”." in html
    assert "Alliantie tegen schulden" in html


def test_paging_through_the_results_of_the_nearest_words(client, material):
    # With "Alliantie tegen schulden", 26 results for the corrected query.
    index(*[story(100 + n, f"Alliantie nummer {n}", date=datetime.date(2020, 1, n)) for n in range(1, 26)])

    def shown(html):
        return {n for n in range(100, 126) if f'href="/verhaal-{n}/"' in html}

    pages = [client.get("/zoeken/", {"q": "aliantie", "pagina": page}).content.decode() for page in (1, 2)]
    assert "Dit zijn de resultaten voor “alliantie”." in pages[1]
    assert "Pagina 2 van 3" in pages[1]
    assert len(shown(pages[1])) == 10 and not shown(pages[0]) & shown(pages[1])

    api = [client.get("/api/v1/search/", {"q": "aliantie", "pagina": page}).json() for page in (1, 2)]
    assert [(data["corrected"], data["page"], data["pages"], len(data["hits"])) for data in api] == [
        (True, 1, 2, 20),
        (True, 2, 2, 6),
    ]
    assert not {hit["id"] for hit in api[0]["hits"]} & {hit["id"] for hit in api[1]["hits"]}


class DeepBackend:
    """Finds 50,000 items but, like Elasticsearch, returns none past its result window."""

    name = "deep"

    def __init__(self):
        self.offsets = []

    def search(self, query):
        self.offsets.append(query.offset)
        reachable = range(query.offset, min(query.offset + query.limit, MAX_RESULT_WINDOW))
        hits = [
            Hit(f"library.storypage:{n}", "story", f"Verhaal {n}", f"/verhaal-{n}/", "", 1.0, None, ())
            for n in reachable
        ]
        return SearchResults(hits=hits, total=50_000, facets={})


def test_pagination_never_offers_pages_the_backend_cannot_return(client, db, monkeypatch):
    deep = DeepBackend()
    monkeypatch.setattr(services, "get_backend", lambda name=None: deep)
    html = client.get("/zoeken/", {"q": "verhaal", "pagina": "1000"}).content.decode()
    assert "50000 resultaten" in html
    assert "Pagina 1000 van 1000" in html and 'rel="next"' not in html
    assert 'href="/verhaal-9999/"' in html
    assert "Pagina 1000 van 1000" in client.get("/zoeken/", {"q": "verhaal", "pagina": "1001"}).content.decode()
    data = client.get("/api/v1/search/", {"q": "verhaal", "pagina": "1000"}).json()
    assert (data["page"], data["pages"], len(data["hits"])) == (500, 500, 20)
    assert max(deep.offsets) < MAX_RESULT_WINDOW


def test_bad_parameters_fall_back_instead_of_failing(client, material):
    for params in ({"pagina": "abc"}, {"pagina": "999", "q": "schulden"}, {"sort": "x", "year": "twee"}, {"q": '"*()'}):
        assert client.get("/zoeken/", params).status_code == 200


def test_empty_search_shows_the_form_without_results(client, material):
    html = client.get("/zoeken/").content.decode()
    assert "resultaten" not in html
    assert 'role="combobox"' in html


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_number_of_queries_does_not_grow_with_the_index(page_queries, material):
    def queries():
        return page_queries("/zoeken/", {"q": "schulden", "theme": "schulden", "type": "story"})

    def add(start, count):
        index(
            *[
                story(
                    n,
                    f"Verhaal {n} over schulden",
                    themes=("schulden", "samenwerking"),
                    tags=(f"tag-{n}",),
                    target_groups=("ouderen",),
                    municipalities=("almere",),
                )
                for n in range(start, start + count)
            ]
        )

    add(100, 10)
    before = queries()
    add(200, 30)
    assert queries() == before


def test_the_api_returns_hits_and_facets(client, material):
    data = client.get("/api/v1/search/", {"q": "schulden", "theme": "schulden"}).json()
    assert data["total"] == 1
    hit = data["hits"][0]
    assert set(hit) >= {"id", "type", "title", "url", "snippet", "score", "date", "themes"}
    assert hit["id"] == "library.storypage:1"
    assert hit["url"] == "https://kennisplatform.test/verhaal-1/"
    assert hit["date"] == "2024-03-04"
    assert hit["themes"] == [{"slug": "schulden", "name": "Schulden"}]
    assert {"value": "story", "label": "Praktijkverhaal", "count": 1, "selected": False} in data["facets"]["type"]
    assert {"value": "schulden", "label": "Schulden", "count": 1, "selected": True} in data["facets"]["theme"]


def test_suggest_endpoint(client, material):
    data = client.get("/zoeken/suggest", {"q": "hum"}).json()
    assert data == {
        "suggestions": [{"text": "Humanitas Almere", "url": "/organisaties/humanitas-almere/", "kind": "organisation"}]
    }
    assert client.get("/zoeken/suggest", {"q": "h"}).json() == {"suggestions": []}


def test_queries_are_counted_without_who_searched(client, material, member):
    client.force_login(member)
    client.get("/zoeken/", {"q": "Schulden"})
    client.get("/zoeken/", {"q": "schulden "})
    client.get("/zoeken/", {"q": "xylofoon"})
    client.get("/zoeken/", {"q": "schulden", "pagina": "2"})  # paging is not a new search
    stats = {s.query: (s.searches, s.empty) for s in QueryStat.objects.all()}
    assert stats == {"schulden": (2, 0), "xylofoon": (1, 1)}
    assert [f.name for f in QueryStat._meta.fields] == ["id", "day", "query", "searches", "empty"]


def test_editors_picks_appear_above_the_results(client, material, home):
    EditorsPick.objects.create(query="Schulden", url="/sociale-kaart/", title="Hulp zoeken op de sociale kaart")
    html = client.get("/zoeken/", {"q": "schulden"}).content.decode()
    assert html.index("Hulp zoeken op de sociale kaart") < html.index("Alliantie tegen schulden")
    assert "Hulp zoeken op de sociale kaart" not in client.get("/zoeken/", {"q": "moskee"}).content.decode()


def test_editors_picks_of_drafts_private_or_expired_pages_never_show(client, material, home):
    draft = StoryPageFactory(title="Concept over schulden", publish=False)
    private = StoryPageFactory(title="Besloten verslag over schulden")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    expired = StoryPageFactory(title="Verlopen oproep over schulden")
    type(expired).objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    public = StoryPageFactory(title="Openbaar verhaal over schulden")
    for page in (draft, private, expired, public):
        EditorsPick.objects.create(query="schulden", page=page)
    html = client.get("/zoeken/", {"q": "schulden"}).content.decode()
    assert "Openbaar verhaal over schulden" in html
    for title in ("Concept over schulden", "Besloten verslag over schulden", "Verlopen oproep over schulden"):
        assert title not in html


@pytest.mark.parametrize("url", ["//evil.example/", "/\\evil.example/", "https://evil.example/", "javascript:alert(1)"])
def test_editors_picks_only_link_to_this_site(db, url):
    with pytest.raises(ValidationError) as error:
        EditorsPick(query="Voedselbank", url=url, title="Elders").full_clean()
    assert error.value.message_dict["url"] == [
        "Vul een adres op deze site in: een pad dat met één / begint, zoals /sociale-kaart/."
    ]
    EditorsPick(query="Voedselbank", url="/sociale-kaart/", title="Sociale kaart").full_clean()


def test_search_analytics_in_the_admin(client, editor, member):
    QueryStat.objects.create(day=datetime.date.today(), query="kinderarmoede", searches=5, empty=0)
    QueryStat.objects.create(day=datetime.date.today(), query="voedselbank", searches=2, empty=2)
    QueryStat.objects.create(day=datetime.date(2020, 1, 1), query="verouderdezoekterm", searches=9, empty=9)
    client.force_login(member)
    assert client.get("/admin/zoekstatistieken/").status_code in (302, 403)
    with_totp(editor)
    client.force_login(editor)
    html = client.get("/admin/zoekstatistieken/").content.decode()
    assert "kinderarmoede" in html and "voedselbank" in html and "verouderdezoekterm" not in html
    html = client.get("/admin/zoekstatistieken/", {"start": "2020-01-01", "end": "2020-01-31"}).content.decode()
    assert "verouderdezoekterm" in html and "kinderarmoede" not in html
    html = client.get("/admin/zoekstatistieken/", {"start": "2020-02-01", "end": "2020-01-01"}).content.decode()
    assert "De begindatum ligt na de einddatum." in html


def test_editors_manage_editors_picks_and_members_cannot(client, editor, member, home):
    client.force_login(member)
    assert client.get("/admin/snippets/search/editorspick/").status_code in (302, 403)
    with_totp(editor)
    client.force_login(editor)
    assert client.get("/admin/snippets/search/editorspick/").status_code == 200
    response = client.post(
        "/admin/snippets/search/editorspick/add/",
        {"query": "Voedselbank", "url": "//evil.example/", "title": "Fout", "description": "", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert "Vul een adres op deze site in" in response.content.decode()
    assert not EditorsPick.objects.exists()
    client.post(
        "/admin/snippets/search/editorspick/add/",
        {
            "query": "Voedselbank",
            "url": "/sociale-kaart/",
            "title": "Sociale kaart",
            "description": "",
            "sort_order": "0",
        },
    )
    assert EditorsPick.objects.get().query_key == "voedselbank"


def test_purge_personal_data_deletes_search_statistics_past_their_retention(db, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.SEARCH_STATISTICS_RETENTION_MONTHS = 13
    today = timezone.localdate()
    QueryStat.objects.create(day=today, query="vandaag", searches=1)
    QueryStat.objects.create(day=today - datetime.timedelta(days=365), query="vorig jaar", searches=1)
    QueryStat.objects.create(day=today - datetime.timedelta(days=430), query="jan jansen", searches=1)
    output = StringIO()
    call_command("purge_personal_data", stdout=output)
    assert sorted(QueryStat.objects.values_list("query", flat=True)) == ["vandaag", "vorig jaar"]
    assert "Oude zoekstatistieken verwijderd: 1." in output.getvalue()
