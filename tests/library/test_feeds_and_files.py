"""Downloads state their real size; feeds link to the public address, name an author, have their own id
and carry the material's own date."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.documents import get_document_model

from library.demo_files import make_pdf
from library.models import GuideDocument
from members.models import Organisation
from tests.factories import GuidePageFactory, PlaybookPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITE = "https://kennisplatform.test"


def test_a_download_states_the_size_of_its_file(client, home):
    guide = GuidePageFactory(title="Handreiking AVG")
    content = make_pdf("AVG", ["Vraag altijd toestemming."] * 40)
    document = get_document_model()(title="AVG-handreiking")
    document.file.save("avg.pdf", ContentFile(content), save=False)
    document.save()
    GuideDocument.objects.create(page=guide, document=document, label="Volledige versie")
    html = client.get(guide.url).content.decode()
    with translation.override("nl"):
        size = filesizeformat(len(content))
    assert f"(PDF, {size})" in html
    assert "0 bytes" not in html


@pytest.fixture
def material(home):
    schulden = ThemeFactory(name="Schulden", slug="schulden")
    organisation = Organisation.objects.create(
        name="Humanitas Almere", slug="humanitas-almere", kind="formeel", status=Organisation.Status.VERIFIED
    )
    story = StoryPageFactory(title="Alliantie in Almere", themes=[schulden], published=datetime.date(2024, 3, 4))
    story.organisations.add(organisation)
    story.save_revision().publish()
    GuidePageFactory(title="Handreiking schulden", published=datetime.date(2025, 1, 1))
    return story


def test_atom_entries_have_an_author_and_the_materials_date(client, material):
    atom = ET.fromstring(client.get("/bibliotheek/feed/atom/").content)
    entries = {e.findtext("a:title", namespaces=ATOM): e for e in atom.findall("a:entry", ATOM)}
    story = entries["Alliantie in Almere"]
    assert story.findtext("a:author/a:name", namespaces=ATOM) == "Humanitas Almere"
    assert (
        entries["Handreiking schulden"].findtext("a:author/a:name", namespaces=ATOM) == "Kennisplatform sociaal domein"
    )
    assert story.findtext("a:published", namespaces=ATOM).startswith("2024-03-04T00:00:00")
    assert story.findtext("a:updated", namespaces=ATOM).startswith("2024-03-04")
    assert story.find("a:link", ATOM).get("href") == SITE + material.url


def test_each_atom_feed_has_its_own_id(client, material):
    whole = ET.fromstring(client.get("/bibliotheek/feed/atom/").content).findtext("a:id", namespaces=ATOM)
    theme = ET.fromstring(client.get("/bibliotheek/thema/schulden/feed/atom/").content).findtext(
        "a:id", namespaces=ATOM
    )
    assert whole == SITE + "/bibliotheek/feed/atom/"
    assert theme == SITE + "/bibliotheek/thema/schulden/feed/atom/"


def test_rss_items_carry_the_materials_date_and_public_links(client, material):
    rss = ET.fromstring(client.get("/bibliotheek/feed/rss/").content)
    item = next(i for i in rss.iter("item") if i.findtext("title") == "Alliantie in Almere")
    assert "04 Mar 2024" in item.findtext("pubDate")
    assert item.findtext("link") == SITE + material.url
    assert rss.find("channel").findtext("link").startswith(SITE + "/bibliotheek/")


def test_the_playbook_print_view_names_the_public_address(client, home):
    playbook = PlaybookPageFactory(title="Netwerk bouwen")
    printed = client.get(playbook.url + "afdrukken/", HTTP_HOST="localhost").content.decode()
    assert f"Bron: {SITE}{playbook.url}" in printed


def test_the_print_view_has_a_print_button_worked_by_a_static_script(client, home):
    playbook = PlaybookPageFactory(title="Netwerk bouwen")
    printed = client.get(playbook.url + "afdrukken/").content.decode()
    assert re.search(
        r'<button class="utrecht-button[^"]*" type="button" data-print-button hidden>Afdrukken</button>', printed
    )
    assert re.search(r'<script src="[^"]*/js/print\.js" defer></script>', printed)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", printed), "no inline script"
    script = (settings.BASE_DIR / "kennisplatform" / "static" / "js" / "print.js").read_text()
    assert "window.print()" in script


def test_meer_weten_leads_to_the_organisation(client, material):
    html = client.get(material.url).content.decode()
    section = html.split('id="contact-heading"', 1)[1].split("</section>", 1)[0]
    assert (
        '<a class="utrecht-link utrecht-link--html-a" href="/organisaties/humanitas-almere/">Humanitas Almere</a>'
        in section
    )


def test_a_facet_count_of_one_is_read_as_one_result(client, material):
    html = client.get("/bibliotheek/").content.decode()
    assert re.search(
        r'Schulden <span class="site-count">\(1<span class="site-visually-hidden"> resultaat</span>\)', html
    )
    assert '1<span class="site-visually-hidden"> resultaten' not in html
