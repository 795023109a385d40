import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from library.demo_files import make_pdf
from library.models import GuideDocument, LibraryIndexPage
from tests.factories import (
    GuidePageFactory,
    MunicipalityFactory,
    PlaybookPageFactory,
    StoryPageFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def schulden(db):
    return ThemeFactory(name="Schulden", slug="schulden")


@pytest.fixture
def armoede(db):
    return ThemeFactory(name="Armoede", slug="armoede")


@pytest.fixture
def jongeren(db):
    return TargetGroupFactory(name="Jongeren", slug="jongeren")


@pytest.fixture
def almere(db):
    return MunicipalityFactory(name="Almere", slug="almere")


@pytest.fixture
def library(home, schulden, armoede, jongeren, almere):
    """A small library: 2 stories, 1 guide, 1 playbook, 1 draft."""
    StoryPageFactory(
        title="Alliantie in Almere",
        themes=[schulden],
        municipality=almere,
        published=datetime.date(2024, 3, 4),
        tags=["convenant"],
    )
    StoryPageFactory(
        title="Jongeren en geld", themes=[armoede], target_groups=[jongeren], published=datetime.date(2025, 5, 1)
    )
    GuidePageFactory(
        title="Handreiking schulden",
        themes=[schulden, armoede],
        published=datetime.date(2025, 1, 1),
        tags=["convenant"],
    )
    PlaybookPageFactory(title="Draaiboek netwerk", themes=[armoede], published=datetime.date(2023, 3, 9))
    StoryPageFactory(title="Geheim concept", themes=[schulden], publish=False)
    return LibraryIndexPage.objects.get()


def titles(response):
    return [item.title for item in response.context["page_obj"].object_list]


def facet(response, param):
    return {o.value: (o.count, o.selected) for f in response.context["facets"] if f.param == param for o in f.options}


def test_index_lists_live_material_newest_first(client, library):
    response = client.get("/bibliotheek/")
    assert response.status_code == 200
    assert titles(response) == ["Jongeren en geld", "Handreiking schulden", "Alliantie in Almere", "Draaiboek netwerk"]
    assert "Geheim concept" not in response.content.decode()


def test_filters_combine_and_counts_follow_the_other_filters(client, library):
    response = client.get("/bibliotheek/", {"thema": "schulden"})
    assert titles(response) == ["Handreiking schulden", "Alliantie in Almere"]
    # Counts for types reflect the theme filter; the theme facet ignores its own selection.
    assert facet(response, "soort") == {"story": (1, False), "guide": (1, False), "playbook": (0, False)}
    assert facet(response, "thema")["schulden"] == (2, True)
    assert facet(response, "thema")["armoede"] == (3, False)

    response = client.get("/bibliotheek/", {"thema": "schulden", "soort": "story"})
    assert titles(response) == ["Alliantie in Almere"]
    assert facet(response, "gemeente") == {"almere": (1, False)}

    response = client.get("/bibliotheek/", {"thema": ["schulden", "armoede"], "jaar": "2025"})
    assert titles(response) == ["Jongeren en geld", "Handreiking schulden"]

    response = client.get("/bibliotheek/", {"doelgroep": "jongeren"})
    assert titles(response) == ["Jongeren en geld"]


def test_filter_state_lives_in_the_url_and_survives_pagination(client, library, schulden):
    for n in range(14):
        StoryPageFactory(title=f"Verhaal {n}", themes=[schulden], published=datetime.date(2020, 1, 1))
    response = client.get("/bibliotheek/", {"thema": "schulden"})
    html = response.content.decode()
    assert re.search(r'name="thema" value="schulden" checked', html)
    assert "thema=schulden&amp;pagina=2" in html
    response = client.get("/bibliotheek/", {"thema": "schulden", "pagina": "2"})
    assert response.context["page_obj"].number == 2


def test_unknown_filter_values_are_ignored_not_errors(client, library):
    response = client.get("/bibliotheek/", {"soort": "video", "jaar": "abcd", "thema": "bestaat-niet", "pagina": "x"})
    assert response.status_code == 200
    assert response.context["result_count"] == 0  # an unknown theme matches nothing
    response = client.get("/bibliotheek/", {"soort": "video", "jaar": "abcd"})
    assert response.context["result_count"] == 4


def test_index_runs_a_constant_number_of_queries(page_queries, library, schulden, jongeren, almere):
    url = "/bibliotheek/?thema=schulden&thema=armoede"
    few = page_queries(url)
    for n in range(10):
        StoryPageFactory(
            title=f"Extra {n}",
            themes=[schulden],
            target_groups=[jongeren],
            municipality=almere,
            tags=[f"tag{n}"],
            published=datetime.date(2021 + n % 3, 1, 1),
        )
        ThemeFactory(name=f"Nieuw thema {n}")
    assert page_queries(url) == few


def test_detail_pages_run_a_constant_number_of_queries(page_queries, library, schulden, armoede):
    story = StoryPageFactory(title="Meetverhaal", themes=[schulden, armoede], tags=["convenant"])
    few = page_queries(story.url)
    for n in range(8):
        StoryPageFactory(title=f"Buur {n}", themes=[schulden, armoede], tags=["convenant"])
    assert page_queries(story.url) == few


def test_story_renders_its_blocks_and_metadata(client, home, schulden, almere):
    story = StoryPageFactory(
        title="Inloop in het Financieel Huis",
        themes=[schulden],
        municipality=almere,
        contact_name="Sanne",
        contact_role="coördinator",
        body=[
            {"type": "paragraph", "value": "<p>Elke donderdagochtend open.</p>"},
            {
                "type": "quote",
                "value": {
                    "text": "De mens staat centraal.",
                    "speaker": "Naïra",
                    "role": "ambassadeur",
                    "organisation": "Ocan",
                },
            },
            {"type": "tips", "value": {"title": "Tips", "tips": ["Begin klein.", "Vaste plek."]}},
            {"type": "key_figures", "value": {"figures": [{"figure": "4", "label": "partners"}]}},
        ],
    )
    html = client.get(story.url).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    for text in (
        "Elke donderdagochtend open.",
        "Naïra, ambassadeur, Ocan",
        "Begin klein.",
        "partners",
        "Almere",
        "Schulden",
        "Neem contact op met Sanne",
    ):
        assert text in html


def test_guide_shows_html_summary_and_documents_with_type_and_size(client, home):
    guide = GuidePageFactory(
        title="Handreiking AVG",
        summary_html="<p>Wat mag je delen?</p>",
        publisher="KIS",
        year=2024,
        audience="Gemeenten",
    )
    document = get_document_model()(title="AVG-handreiking")
    document.file.save("avg.pdf", ContentFile(make_pdf("AVG", ["Vraag altijd toestemming."])), save=False)
    document.save()
    GuideDocument.objects.create(page=guide, document=document, label="Volledige versie")
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Wat mag je delen?" in html
    assert "Volledige versie" in html
    assert "(PDF, " in html and ("KB" in html or "bytes" in html)
    assert "KIS" in html and "2024" in html and "Gemeenten" in html


def test_playbook_numbers_its_steps_and_has_a_print_view(client, home):
    playbook = PlaybookPageFactory(title="Netwerk bouwen", first_step_number=0)
    html = client.get(playbook.url).content.decode()
    assert "Stap 0: Verkennen" in html and "Stap 1: Afspreken" in html
    assert "Maak een lijst." in html
    response = client.get(playbook.url + "afdrukken/")
    assert response.status_code == 200
    printed = response.content.decode()
    assert "Stap 0: Verkennen" in printed and "Bron: " in printed


def test_related_material_shares_themes_or_tags_and_is_live(client, library, schulden):
    story = StoryPageFactory(title="Nieuw verhaal", themes=[schulden], tags=["convenant"])
    related = [page.title for page in story.related_material()]
    assert related[0] in {"Alliantie in Almere", "Handreiking schulden"}  # both share theme and tag
    assert "Geheim concept" not in related
    assert "Jongeren en geld" not in related
    assert "Verwant materiaal" in client.get(story.url).content.decode()


def test_drafts_are_not_public(client, library):
    from library.models import StoryPage

    draft = StoryPage.objects.get(title="Geheim concept")
    assert client.get(f"/bibliotheek/{draft.slug}/").status_code == 404


def parse_feed(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_rss_and_atom_feeds_of_all_material(client, library):
    rss = parse_feed(client.get("/bibliotheek/feed/rss/"))
    items = [item.findtext("title") for item in rss.iter("item")]
    assert items[0] == "Jongeren en geld" and len(items) == 4
    assert "Geheim concept" not in items

    atom = parse_feed(client.get("/bibliotheek/feed/atom/"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(atom.findall("a:entry", ns)) == 4


def test_feed_per_theme(client, library):
    rss = parse_feed(client.get("/bibliotheek/thema/schulden/feed/rss/"))
    assert sorted(item.findtext("title") for item in rss.iter("item")) == [
        "Alliantie in Almere",
        "Handreiking schulden",
    ]
    assert client.get("/bibliotheek/thema/bestaat-niet/feed/rss/").status_code == 404


def test_page_tree_rules(home, library):
    from library.models import GuidePage, LibraryIndexPage, StoryPage

    assert not LibraryIndexPage.can_create_at(home)  # max_count 1
    assert StoryPage.can_create_at(library)
    assert not StoryPage.can_create_at(home)
    assert not GuidePage.can_create_at(StoryPage.objects.first())


def test_story_names_only_verified_organisations(client, home):
    from members.models import Organisation

    verified = Organisation.objects.create(name="Ocan Almere", slug="ocan", kind="informeel", status="verified")
    pending = Organisation.objects.create(
        name="Nog niet geverifieerd", slug="pending", kind="formeel", status="awaiting"
    )
    story = StoryPageFactory(title="Samen in Almere")
    story.organisations = [verified, pending]
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert '/organisaties/ocan/">Ocan Almere</a> (informeel)' in html
    assert "Nog niet geverifieerd" not in html
    response = client.get("/bibliotheek/", {"organisatie": "ocan"})
    assert [item.title for item in response.context["page_obj"].object_list] == ["Samen in Almere"]
    assert client.get("/bibliotheek/", {"organisatie": "pending"}).context["result_count"] == 0


@pytest.mark.parametrize("model", ["storypage", "guidepage", "playbookpage"])
def test_editors_can_open_the_add_form_of_each_type(client, editor, library, model):
    from tests.conftest import with_totp

    with_totp(editor)
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/library/{model}/{library.pk}/")
    assert response.status_code == 200


def test_editor_creates_a_story_through_the_admin(client, superuser, library, schulden):
    from library.models import StoryPage
    from tests.conftest import with_totp

    with_totp(superuser)
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/library/storypage/{library.pk}/",
        {
            "title": "Via de beheeromgeving",
            "slug": "via-de-beheeromgeving",
            "summary": "Gemaakt door een redacteur.",
            "published": "2025-10-01",
            "themes": [schulden.pk],
            "body-count": "0",
            "tags": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:4000]
    story = StoryPage.objects.get(slug="via-de-beheeromgeving")
    assert story.live
    assert list(story.themes.all()) == [schulden]
