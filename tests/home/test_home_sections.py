"""The task-first home page: first choices, coming meetings, newest stories and guides, the social map in numbers."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from core.demo_images import demo_image
from events.models import EventPage
from library.models import LibraryIndexPage
from tests.events.factories import EventPageFactory, agenda, in_days
from tests.factories import GuidePageFactory, StoryPageFactory
from tests.members.conftest import make

pytestmark = pytest.mark.django_db


def sections(html):
    return re.findall(r'<h2 class="utrecht-heading-2" id="[^"]+">([^<]+)</h2>', html)


def test_the_first_choices_lead_to_the_finder_the_social_map_the_library_and_the_agenda(client, home):
    library = home.add_child(instance=LibraryIndexPage(title="Bibliotheek", slug="bibliotheek"))
    agenda()
    html = client.get("/").content.decode()
    choices = re.findall(
        r'<a class="site-home-choice__link" href="([^"]+)"><span class="site-home-choice__title">([^<]+)<', html
    )
    assert choices == [
        ("/sociale-kaart/waar-kan-ik-terecht/", "Waar kan ik terecht?"),
        ("/sociale-kaart/", "Sociale kaart"),
        (library.url, "Bibliotheek"),
        ("/agenda/", "Agenda"),
    ]
    assert sections(html)[0] == "Wat wilt u doen?"


def test_the_home_page_shows_coming_meetings_newest_material_and_the_social_map_in_numbers(client, home):
    EventPageFactory(title="Dialoogtafel in Ede", start=in_days(3))
    EventPageFactory(title="Al geweest", start=in_days(-3))
    EventPageFactory(title="Nog ver weg", start=in_days(60))
    for days in (5, 6):
        EventPageFactory(title=f"Over {days} dagen", start=in_days(days))
    StoryPageFactory(title="Oud verhaal", published=datetime.date(2020, 1, 1))
    for day in range(1, 4):
        StoryPageFactory(title=f"Nieuw verhaal {day}", published=datetime.date(2026, 3, day))
    GuidePageFactory(title="Handreiking privacy", published=datetime.date(2026, 2, 1))
    make("Ocan Almere", "informeel")
    make("Moskee Ede", "informeel", municipality="Ede")
    make("Gemeente Almere")
    make("Wacht nog", status="awaiting", municipality="Zwolle")

    html = client.get("/").content.decode()
    assert ["Binnenkort", "De sociale kaart in cijfers", "Nieuwe praktijkverhalen", "Nieuwe handreikingen"] == sections(
        html
    )[1:5]
    coming = html[html.index('id="home-events"') : html.index('id="home-numbers"')]
    assert re.findall(r'href="[^"]+">([^<]+)</a></h3>', coming) == [
        "Dialoogtafel in Ede",
        "Over 5 dagen",
        "Over 6 dagen",
    ]
    stories = html[html.index('id="home-stories"') : html.index('id="home-guides"')]
    assert re.findall(r'href="[^"]+">([^<]+)</a></h3>', stories) == [
        "Nieuw verhaal 3",
        "Nieuw verhaal 2",
        "Nieuw verhaal 1",
    ]
    assert "Handreiking privacy" in html[html.index('id="home-guides"') :]
    figures = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index('id="home-numbers"') : html.index('id="home-stories"')])
    )
    # Only verified organisations count: three, one formal, two informal, in two municipalities.
    for figure in (
        "3 organisaties in totaal",
        "2 informele organisaties",
        "1 formele organisatie",
        "2 gemeenten met hulp",
    ):
        assert figure in figures


def test_story_and_event_images_come_in_webp_with_a_srcset_and_the_editors_alt_text(client, home):
    image = demo_image("Illustratie: huizen", "huizen", "groen", seed=2)
    story = StoryPageFactory(title="Verhaal met beeld", image=image, image_alt="Tekening van een straat met huizen.")
    StoryPageFactory(title="Verhaal met versiering", image=image, image_decorative=True)
    event = EventPageFactory(title="Bijeenkomst met beeld", image=image, image_alt="Tekening van een straat.")
    html = client.get("/").content.decode()
    assert re.search(r'<source[^>]+srcset="[^"]+\.webp 360w, [^"]+\.webp 720w"[^>]+type="image/webp"', html)
    assert 'alt="Tekening van een straat met huizen."' in html
    assert html.count('alt=""') >= 1  # the decorative one: screen readers skip it

    story_html = client.get(story.url).content.decode()
    assert re.search(r'type="image/webp"', story_html) and 'alt="Tekening van een straat met huizen."' in story_html
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w"', story_html)
    event_html = client.get(EventPage.objects.get(pk=event.pk).url).content.decode()
    assert 'alt="Tekening van een straat."' in event_html


def test_an_image_needs_alt_text_unless_the_editor_marks_it_decorative(home):
    image = demo_image("Illustratie: geld", "geld", "ochtend")
    story = StoryPageFactory(title="Verhaal")
    story.image = image
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "image_alt" in error.value.message_dict
    story.image_decorative = True
    story.full_clean()
    assert story.image_alt_text == ""
    story.image_decorative, story.image_alt = False, "Tekening van munten."
    story.full_clean()
    assert story.image_alt_text == "Tekening van munten."


def test_a_body_image_block_needs_alt_text_unless_decorative(home):
    from core.blocks import ImageBlock

    block = ImageBlock()
    image = demo_image("Illustratie: tafel", "tafel", "kanaal")
    with pytest.raises(Exception) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False, "caption": ""}))
    assert "alt_text" in error.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True, "caption": ""}))


def test_the_home_page_costs_the_same_queries_however_much_there_is(home, page_queries):
    agenda()
    image = demo_image("Illustratie: gesprek", "gesprek", "avond")

    def add(round_number):
        for n in range(4):
            EventPageFactory(
                title=f"Bijeenkomst {round_number}-{n}", start=in_days(2 + n), image=image, image_alt="Beeld."
            )
            StoryPageFactory(
                title=f"Verhaal {round_number}-{n}",
                image=demo_image(f"Beeld {round_number}-{n}", "huizen"),
                image_alt="Huizen.",
            )
            GuidePageFactory(title=f"Handreiking {round_number}-{n}")
            make(
                f"Organisatie {round_number}-{n}",
                "informeel" if n % 2 else "formeel",
                municipality=["Ede", "Almere"][n % 2],
            )

    add(1)
    few = page_queries("/")
    add(2)
    add(3)
    assert page_queries("/") == few
