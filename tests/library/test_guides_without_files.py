"""A handreiking written as a web page is the accessible form: a guide may have no documents at all."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from library.demo_files import make_pdf
from library.importer import import_lines
from library.models import GuideDocument, GuidePage, LibraryIndexPage
from search import services
from tests.conftest import with_totp
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

WEB_TEXT = "<h2>Stap 1: luister</h2><p>Vraag eerst wat iemand zelf al heeft geprobeerd.</p>"


@pytest.fixture
def web_guide(home):
    return GuidePageFactory(
        title="Warme overdracht zonder papier", summary="Zo draag je iemand over.", summary_html=WEB_TEXT
    )


def test_a_web_page_guide_shows_its_text_as_the_guide_without_downloads(client, web_guide):
    html = client.get(web_guide.url).content.decode()
    assert "Stap 1: luister" in html and "Vraag eerst wat iemand zelf al heeft geprobeerd." in html
    assert "Downloads" not in html
    assert "Samenvatting" not in html  # the text is the guide itself, not a summary of files


def test_a_guide_with_files_keeps_its_summary_and_downloads(client, web_guide):
    document = get_document_model().objects.create(
        title="Volledige versie", file=ContentFile(make_pdf("Inhoud", ["Tekst."]), name="v.pdf")
    )
    web_guide.documents = [GuideDocument(document=document)]
    web_guide.save_revision().publish()
    html = client.get(web_guide.url).content.decode()
    assert "Samenvatting" in html and "Downloads" in html and "Volledige versie" in html


def test_lists_feeds_and_search_handle_a_guide_without_files(client, web_guide):
    library = client.get("/bibliotheek/", {"soort": "guide"})
    assert library.status_code == 200
    assert [page.title for page in library.context["page_obj"].object_list] == ["Warme overdracht zonder papier"]
    assert client.get("/bibliotheek/feed/rss/").status_code == 200
    services.rebuild()
    data = client.get("/api/v1/search/", {"q": "overdracht", "type": "guide"}).json()
    assert [hit["title"] for hit in data["hits"]] == ["Warme overdracht zonder papier"]
    assert "Warme overdracht zonder papier" in client.get("/zoeken/", {"q": "overdracht"}).content.decode()


def test_an_editor_publishes_a_guide_without_documents_in_the_admin(client, superuser, home):
    index = LibraryIndexPage(title="Bibliotheek", slug="bibliotheek")
    home.add_child(instance=index)
    with_totp(superuser)
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/library/guidepage/{index.pk}/",
        {
            "title": "Handreiking als webpagina",
            "slug": "handreiking-als-webpagina",
            "summary": "Alles op één pagina.",
            "summary_html": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a",
                            "type": "unstyled",
                            "text": "De hele handreiking.",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "published": "2025-10-01",
            "tags": "",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:4000]
    guide = GuidePage.objects.get(slug="handreiking-als-webpagina")
    assert guide.live and not guide.documents.exists()
    assert "De hele handreiking." in client.get(guide.url).content.decode()


def test_import_accepts_a_guide_without_attachments(tmp_path, home):
    line = {"kind": "guide", "title": "Webhandreiking", "summary": "Kort.", "body": "Eerste alinea.\n\nTweede alinea."}
    report = import_lines([json.dumps(line)], tmp_path)
    assert report.ok and len(report.imported) == 1
    guide = GuidePage.objects.get()
    assert guide.live and not guide.documents.exists()
    assert guide.summary_html == "<p>Eerste alinea.</p><p>Tweede alinea.</p>"
