"""In English, the editors' Dutch content is marked lang="nl" (WCAG 3.1.2), the interface around it is
English throughout, and account pages use one wording ("Log in")."""

import re

import pytest

from tests.events.factories import EventPageFactory
from tests.factories import ContentPageFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.post("/taal/", {"language": "en", "next": "/"})
    return client


def lang_of(html, text):
    """The lang attribute on the element whose text is exactly `text` (or None)."""
    match = re.search(r"<(\w+)([^>]*)>\s*" + re.escape(text) + r"\s*</\1>", html)
    assert match, f"{text!r} not found"
    attribute = re.search(r'\blang="([^"]+)"', match.group(2))
    return attribute and attribute.group(1)


def test_dutch_content_is_marked_dutch_on_an_english_page(english, home):
    story = StoryPageFactory(
        title="Samen tegen schulden",
        summary="Vier partners, één inloop.",
        body=[{"type": "paragraph", "value": "<p>Zo werkten we samen.</p>"}],
    )
    html = english.get(story.url).content.decode()
    assert '<html lang="en"' in html
    assert lang_of(html, "Samen tegen schulden") == "nl"
    assert lang_of(html, "Vier partners, één inloop.") == "nl"
    assert re.search(r'<div class="utrecht-html site-richtext" lang="nl">\s*<p>Zo werkten we samen.</p>', html)


def test_lists_and_the_menu_mark_dutch_titles(english, home):
    ContentPageFactory(parent=home, title="Over het platform", show_in_menus=True)
    StoryPageFactory(title="Inloop in Almere", summary="Eén spreekuur.")
    html = english.get("/bibliotheek/").content.decode()
    assert lang_of(html, "Inloop in Almere") == "nl"
    assert lang_of(html, "Eén spreekuur.") == "nl"
    assert lang_of(html, "Over het platform") == "nl"


def test_in_dutch_nothing_extra_is_marked(client, home):
    story = StoryPageFactory(title="Samen tegen schulden")
    html = client.get(story.url).content.decode()
    assert lang_of(html, "Samen tegen schulden") is None


def test_dialogue_table_choices_speak_english(english, home):
    event = EventPageFactory(title="Dialoogtafels", capacity=10, tables=[("Noodhulp", 2), ("Privacy", 1)])
    english.force_login(UserFactory(email="lid@voorbeeld.nl"))
    html = english.get(event.url + "aanmelden/").content.decode()
    assert "Noodhulp (2 seats left)" in html
    assert "Privacy (1 seat left)" in html
    assert "vrij)" not in html


def test_account_pages_and_menu_say_log_in_in_english(english, db):
    html = english.get("/account/login/").content.decode()
    assert "Log in" in html
    assert "Sign In" not in html and "Sign in" not in html and "sign-in" not in html


def test_finder_questions_written_by_editors_are_marked_dutch(english, db):
    from members.models.finder import FinderQuestion

    FinderQuestion.objects.get_or_create(slug="schulden-test", defaults={"text": "Ik heb schulden (test)"})
    html = english.get("/sociale-kaart/waar-kan-ik-terecht/").content.decode()
    assert lang_of(html, "Ik heb schulden (test)") == "nl"
