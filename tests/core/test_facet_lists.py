"""Long filter lists show their top values; "Toon meer" (a plain link) shows them all."""

import re

import pytest
from django.http import QueryDict

from core.facets import SHORT_LIST, Facet, Option, shorten
from core.taxonomy import Municipality
from members.models import Organisation
from tests.factories import StoryPageFactory, ThemeFactory


def municipalities(n):
    # The n-th municipality has n results; the list is alphabetical, as the library shows it.
    return Facet("gemeente", "Gemeente", [Option(f"g{n:02}", f"Gemeente {n:02}", n, False) for n in range(1, n + 1)])


def test_a_long_list_keeps_its_top_values_and_every_chosen_one_in_its_own_order():
    facet = municipalities(20)
    facet.options[0].selected = True
    (facet,) = shorten([facet], QueryDict("gemeente=g01&thema=schulden"))
    assert [o.value for o in facet.options] == ["g01"] + [f"g{n}" for n in range(13, 21)]
    assert facet.hidden == 20 - SHORT_LIST - 1
    assert QueryDict(facet.more_query) == QueryDict("gemeente=g01&thema=schulden&meer=gemeente")


def test_an_expanded_list_shows_everything_and_offers_fewer():
    (facet,) = shorten([municipalities(20)], QueryDict("meer=gemeente&pagina=3"))
    assert len(facet.options) == 20 and facet.hidden == 0 and facet.expanded
    assert facet.less_query == ""  # back to the list as it was, from its first page


def test_a_short_list_is_left_alone():
    (facet,) = shorten([municipalities(SHORT_LIST)], QueryDict(""))
    assert len(facet.options) == SHORT_LIST and not facet.more_query and not facet.less_query


@pytest.mark.django_db
def test_library_index_offers_toon_meer_without_javascript(client, home):
    places = list(Municipality.objects.order_by("name")[:12])
    for number, place in enumerate(places):
        StoryPageFactory(title=f"Verhaal {number}", municipality=place)
    html = client.get("/bibliotheek/").content.decode()
    assert html.count('name="gemeente"') == SHORT_LIST
    assert 'href="?meer=gemeente#filter-gemeente">Toon meer' in html
    expanded = client.get("/bibliotheek/", {"meer": "gemeente"}).content.decode()
    assert expanded.count('name="gemeente"') == 12
    assert '<input type="hidden" name="meer" value="gemeente">' in expanded
    assert 'href="?#filter-gemeente">Toon minder' in expanded


@pytest.fixture
def stories_by_organisation(home):
    """Twelve organisations; the n-th is named in n stories."""
    organisations = [
        Organisation.objects.create(
            name=f"Organisatie {n:02}", slug=f"org-{n:02}", kind="formeel", status=Organisation.Status.VERIFIED
        )
        for n in range(1, 13)
    ]
    stories = [StoryPageFactory(title=f"Verhaal {n}") for n in range(12)]
    for number, story in enumerate(stories):
        # Story k names the organisations numbered above k (a parental relation: saved with the page).
        story.organisations.set(organisations[number:])
        story.save_revision().publish()
    return organisations


def organisation_options(client, query=""):
    html = client.get(f"/bibliotheek/?{query}").content.decode()
    return re.findall(r'name="organisatie" value="([^"]+)"', html), html


@pytest.mark.django_db
def test_the_organisation_filter_counts_only_its_top_values_and_keeps_the_chosen_one(client, stories_by_organisation):
    shown, html = organisation_options(client)
    # The eight named most often, alphabetically, and how many more there are.
    assert shown == [f"org-{n:02}" for n in range(5, 13)]
    assert 'href="?meer=organisatie#filter-organisatie">Toon meer' in html
    shown, html = organisation_options(client, "organisatie=org-01")
    assert shown == ["org-01"] + [f"org-{n:02}" for n in range(5, 13)]
    assert 'value="org-01" checked' in html or re.search(r'value="org-01"[^>]*checked', html)
    shown, html = organisation_options(client, "meer=organisatie")
    assert shown == [f"org-{n:02}" for n in range(1, 13)]
    assert "Toon minder" in html


@pytest.mark.django_db
def test_a_chosen_organisation_without_results_stays_in_the_list(client, stories_by_organisation, home):
    # Only org-12 is named in story 11; with that story's theme filter nothing else is left.
    theme = ThemeFactory(name="Zeldzaam", slug="zeldzaam")
    story = StoryPageFactory(title="Apart verhaal", themes=[theme])
    story.organisations.set([stories_by_organisation[-1]])
    story.save_revision().publish()
    shown, html = organisation_options(client, "thema=zeldzaam&organisatie=org-03")
    assert shown == ["org-03", "org-12"]
    assert "Toon meer" not in html.split('id="filter-organisatie"', 1)[1].split("</fieldset>", 1)[0]
