import datetime

import pytest

from search import services
from search.backends.base import SearchDocument
from search.models import EditorsPick, QueryStat
from tests.conftest import with_totp
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def index(*documents):
    services.get_backend("database").index(documents)


def story(n, title, **fields):
    fields.setdefault("date", datetime.date(2024, 3, 4))
    return SearchDocument(key=f"library.storypage:{n}", type="story", title=title, url=f"/verhaal-{n}/", **fields)


@pytest.fixture
def material(db):
    ThemeFactory(name="Schulden")
    ThemeFactory(name="Samenwerking")
    index(
        story(1, "Alliantie tegen schulden", summary="Vier partners en een convenant.", themes=("schulden",),
              municipalities=("almere",)),
        story(2, "Samen met de moskee", summary="Dialoogtafels over schulden.", themes=("samenwerking",),
              date=datetime.date(2023, 1, 1)),
        SearchDocument(key="members.organisation:1", type="organisation", title="Humanitas Almere",
                       url="/organisaties/humanitas-almere/", summary="Hulp bij schulden.", organisation_kind="formeel"),
    )


def test_results_page_shows_ranked_highlighted_hits_with_type_date_and_themes(client, material):
    html = client.get("/zoeken/", {"q": "schulden"}).content.decode()
    assert "3 resultaten" in html
    assert html.index("Alliantie tegen schulden") < html.index("Samen met de moskee")
    assert "Dialoogtafels over <mark>schulden</mark>." in html
    assert "Praktijkverhaal · <time datetime=\"2024-03-04\">" in html
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


def test_bad_parameters_fall_back_instead_of_failing(client, material):
    for params in ({"pagina": "abc"}, {"pagina": "999", "q": "schulden"}, {"sort": "x", "year": "twee"}, {"q": "\"*()"}):
        assert client.get("/zoeken/", params).status_code == 200


def test_empty_search_shows_the_form_without_results(client, material):
    html = client.get("/zoeken/").content.decode()
    assert "resultaten" not in html
    assert 'role="combobox"' in html


def test_number_of_queries_does_not_grow_with_the_index(page_queries, material):
    def queries():
        return page_queries("/zoeken/", {"q": "schulden", "theme": "schulden", "type": "story"})

    def add(start, count):
        index(*[story(n, f"Verhaal {n} over schulden", themes=("schulden", "samenwerking"), tags=(f"tag-{n}",),
                      target_groups=("ouderen",), municipalities=("almere",)) for n in range(start, start + count)])

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
    assert hit["url"] == "http://testserver/verhaal-1/"
    assert hit["date"] == "2024-03-04"
    assert hit["themes"] == [{"slug": "schulden", "name": "Schulden"}]
    assert {"value": "story", "label": "Praktijkverhaal", "count": 1, "selected": False} in data["facets"]["type"]
    assert {"value": "schulden", "label": "Schulden", "count": 1, "selected": True} in data["facets"]["theme"]


def test_suggest_endpoint(client, material):
    data = client.get("/zoeken/suggest", {"q": "hum"}).json()
    assert data == {"suggestions": [{"text": "Humanitas Almere", "url": "/organisaties/humanitas-almere/", "kind": "organisation"}]}
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
        {"query": "Voedselbank", "url": "javascript:alert(1)", "title": "Fout", "description": "", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert not EditorsPick.objects.exists()
    client.post(
        "/admin/snippets/search/editorspick/add/",
        {"query": "Voedselbank", "url": "/sociale-kaart/", "title": "Sociale kaart", "description": "", "sort_order": "0"},
    )
    assert EditorsPick.objects.get().query_key == "voedselbank"
