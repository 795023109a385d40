"""Long filter lists show their top values; "Toon meer" (a plain link) shows them all."""

import pytest
from django.http import QueryDict

from core.facets import SHORT_LIST, Facet, Option, shorten
from core.taxonomy import Municipality
from tests.factories import StoryPageFactory


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
