import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.models import Page

from home.models import ContentPage, HomePage
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def test_fresh_install_serves_a_home_page(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], HomePage)
    html = response.content.decode()
    assert h1_count(html) == 1
    assert '<html lang="nl"' in html


def test_home_has_a_search_box_that_leads_to_search(client, home):
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert 'action="/zoeken/"' in html
    assert re.search(r'<label[^>]*for="home-search"', html)


def test_home_shows_only_live_featured_pages_and_no_empty_sections(client, home):
    live = ContentPageFactory(parent=home, title="Werkt samen", summary="Hoe een wijk samenwerkt.")
    draft = ContentPageFactory(parent=home, title="Nog geheim concept", publish=False)
    html = client.get("/").content.decode()
    assert "Uitgelicht" not in html  # no featured pages chosen yet: no empty section

    home.featured = [
        {"type": "page", "value": {"page": live.pk, "text": ""}},
        {"type": "page", "value": {"page": draft.pk, "text": "Lees dit"}},
    ]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Uitgelicht" in html
    assert "Werkt samen" in html
    assert "Hoe een wijk samenwerkt." in html
    assert "Nog geheim concept" not in html


def test_content_page_renders_body_blocks_with_one_h1(client, home):
    page = ContentPageFactory(
        parent=home,
        title="Privacyverklaring",
        slug="privacyverklaring",
        body=[
            {"type": "heading", "value": {"text": "Bewaartermijnen", "level": "h2"}},
            {"type": "paragraph", "value": "<p>We bewaren aanmeldingen twaalf maanden.</p>"},
            {
                "type": "quote",
                "value": {
                    "text": "Eerst kennismaken.",
                    "speaker": "Fatima",
                    "role": "sleutelfiguur",
                    "organisation": "Moskee",
                },
            },
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert '<h2 class="utrecht-heading-2">Bewaartermijnen</h2>' in html
    assert "twaalf maanden" in html
    assert "Fatima, sleutelfiguur, Moskee" in html


def test_footer_links_to_pages_marked_for_the_footer(client, home):
    ContentPageFactory(parent=home, title="Toegankelijkheidsverklaring", show_in_footer=True)
    ContentPageFactory(parent=home, title="Verborgen pagina", show_in_footer=False)
    ContentPageFactory(parent=home, title="Concept in voettekst", show_in_footer=True, publish=False)
    html = client.get("/").content.decode()
    footer = html.split("<footer", 1)[1]
    assert "Toegankelijkheidsverklaring" in footer
    assert "Verborgen pagina" not in footer
    assert "Concept in voettekst" not in footer


def test_landmarks_and_skip_link_on_every_page(client, content_page):
    html = client.get(content_page.url).content.decode()
    assert '<a class="utrecht-skip-link' in html and 'href="#inhoud"' in html
    assert '<main id="inhoud"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_page_tree_rules(home):
    assert HomePage.max_count == 1
    assert not HomePage.can_create_at(home)
    assert ContentPage.can_create_at(home)
    assert "home.ContentPage" in ContentPage.subpage_types


def test_call_to_action_needs_a_target():
    from core.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"title": "Meld u aan", "text": "", "page": None, "url": "", "link_text": "Aanmelden"})
        )


def test_draft_content_page_is_not_public(client, home):
    page = ContentPageFactory(parent=home, title="Concept", slug="concept", publish=False)
    assert client.get("/concept/").status_code == 404
    assert not Page.objects.get(pk=page.pk).live


def test_404_page_uses_the_site_style(client, home):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert "utrecht-page" in html


def test_500_page_renders_without_a_request_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Er ging iets mis" in html
    assert '<html lang="nl"' in html


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://kennisplatform.test/sitemap.xml" in body


def test_sitemap_lists_live_pages_only(client, home):
    ContentPageFactory(parent=home, title="Contact", slug="contact")
    ContentPageFactory(parent=home, title="Concept", slug="concept-pagina", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/contact/</loc>" in body
    assert "concept-pagina" not in body


def test_home_query_count_does_not_grow_with_footer_and_menu_pages(page_queries, home):
    ContentPageFactory(parent=home, show_in_footer=True, show_in_menus=True)
    few = page_queries("/")
    for _ in range(10):
        ContentPageFactory(parent=home, show_in_footer=True, show_in_menus=True)
    assert page_queries("/") == few


@override_settings(DEBUG=False)
def test_unknown_language_cookie_falls_back_to_dutch(client, home):
    client.cookies["kennisplatform_language"] = "xx"
    html = client.get("/").content.decode()
    assert '<html lang="nl"' in html


def test_content_page_query_count_does_not_grow_with_the_site(page_queries, home):
    page = ContentPageFactory(parent=home, title="Contact", slug="contact", show_in_footer=True)
    child = ContentPageFactory(parent=page, title="Route", slug="route")
    few = page_queries(child.url)
    for n in range(8):
        ContentPageFactory(parent=home, show_in_footer=True, show_in_menus=True)
        ContentPageFactory(parent=page, title=f"Sub {n}")
    assert page_queries(child.url) == few


def test_the_menu_marks_the_section_of_a_page_deeper_in_the_tree(client, home):
    from library.models import LibraryIndexPage
    from tests.factories import StoryPageFactory

    library = home.add_child(instance=LibraryIndexPage(title="Bibliotheek", slug="bibliotheek", show_in_menus=True))
    library.save_revision().publish()
    story = StoryPageFactory(title="Inloop in Almere")
    html = client.get(story.url).content.decode()
    nav = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'href="/bibliotheek/" aria-current="true">Bibliotheek</a>', nav)
    assert 'aria-current="page"' not in nav
    nav = client.get("/bibliotheek/").content.decode().split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'href="/bibliotheek/" aria-current="page">Bibliotheek</a>', nav)
