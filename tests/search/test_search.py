import pytest

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_live_pages_and_not_drafts(client, home):
    ContentPageFactory(parent=home, title="Samenwerken met moskeeën", summary="Hoe een gemeente en een moskee samenwerken.")
    ContentPageFactory(parent=home, title="Geheim concept over moskeeën", publish=False)
    response = client.get("/zoeken/", {"q": "moskeeën"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Samenwerken met moskeeën" in html
    assert "Geheim concept" not in html
    assert "1 resultaat gevonden." in html


def test_empty_query_shows_the_form_without_results(client, home):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert "resultaten gevonden" not in response.content.decode()


def test_bad_page_number_falls_back_instead_of_failing(client, home):
    ContentPageFactory(parent=home, title="Schulden en samenwerking")
    assert client.get("/zoeken/", {"q": "schulden", "pagina": "abc"}).status_code == 200
    assert client.get("/zoeken/", {"q": "schulden", "pagina": "999"}).status_code == 200
