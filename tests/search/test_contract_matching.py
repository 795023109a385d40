"""The contract for what a query finds and in which order, on every backend (see conftest.py).

Words here are written the same in query and text where a backend without a
Dutch stemmer (osmem) has to find them too.
"""

import datetime

import pytest

from search.backends.base import SearchQuery
from search.models import SynonymGroup

from .conftest import doc

pytestmark = pytest.mark.django_db


def search(backend, text="", **kwargs):
    return backend.search(SearchQuery(text=text, **kwargs))


def keys(results):
    return [hit.key for hit in results.hits]


# All words, then most words


def test_items_with_every_word_come_first_then_those_with_most_words_each_saying_what_it_lacks(backend):
    backend.rebuild(
        [
            doc("p:one", "Samenwerking in de wijk", body="Een verhaal over de buurt."),
            doc("p:two", "Schulden en de moskee", body="Over een inloop."),
            doc("p:all", "Inloop", body="Schulden, moskee en samenwerking: alle drie."),
            doc("p:none", "Iets heel anders", body="Over fietsen."),
        ]
    )
    results = search(backend, "schulden moskee samenwerking")
    assert keys(results) == ["p:all", "p:two", "p:one"]
    assert results.total == 3
    assert results.complete == 1
    missing = {hit.key: hit.missing for hit in results.hits}
    assert missing == {"p:all": (), "p:two": ("samenwerking",), "p:one": ("schulden", "moskee")}


def test_a_query_whose_words_are_never_together_still_finds_the_items_with_some_of_them(backend):
    backend.rebuild(
        [doc("g:1", "Geldzorgen", summary="Hulp bij geldzorgen."), doc("g:2", "Moskee", body="Een moskee.")]
    )
    results = search(backend, "geldzorgen moskee fietsenmaker")
    assert set(keys(results)) == {"g:1", "g:2"}
    assert results.complete == 0
    assert all("fietsenmaker" in hit.missing for hit in results.hits)


def test_a_quoted_phrase_must_occur_as_written(backend):
    backend.rebuild(
        [
            doc("q:phrase", "Doorverwijzen", body="Een warme overdracht naar de schuldhulp."),
            doc("q:apart", "Soep", body="Warme soep, en daarna de overdracht van de sleutels."),
        ]
    )
    assert keys(search(backend, '"warme overdracht"')) == ["q:phrase"]
    assert set(keys(search(backend, "warme overdracht"))) == {"q:phrase", "q:apart"}


def test_a_minus_excludes_items_with_that_word(backend):
    backend.rebuild(
        [doc("x:mosque", "Inloop in de moskee"), doc("x:hall", "Inloop in het buurthuis"), doc("x:other", "Fietsen")]
    )
    assert keys(search(backend, "inloop -moskee")) == ["x:hall"]
    assert set(keys(search(backend, "-moskee"))) == {"x:hall", "x:other"}


def test_a_lone_quote_or_minus_finds_nothing_and_breaks_nothing(backend):
    backend.rebuild([doc("l:1", "Inloop")])
    for text in ['"', "-", '- "', '""']:
        results = search(backend, text)
        assert results.total in (0, 1)


# Ranking


def test_a_common_word_ranks_title_then_summary_then_body_and_organisations_do_not_bury_material(backend):
    documents = [
        doc(f"c:body{i}", f"Verhaal {i}", body="Hier gaat het ook over schulden.", date=datetime.date(2025, 1, 1))
        for i in range(6)
    ]
    documents += [
        doc(f"c:org{i}", f"Schulden Hulp Stad {i}", type="organisation", date=None, summary="Wij helpen bij schulden.")
        for i in range(8)
    ]
    documents += [
        doc("c:title", "Schulden samen aanpakken", body="Een praktijkverhaal.", date=datetime.date(2020, 1, 1)),
        doc("c:summary", "Een alliantie", summary="Samen tegen schulden.", date=datetime.date(2020, 1, 1)),
    ]
    backend.rebuild(documents)
    results = search(backend, "schulden", limit=30)
    order = keys(results)
    assert order[:2] == ["c:title", "c:summary"]
    # Material first, then the organisation profiles.
    assert [key.startswith("c:org") for key in order] == [False] * 8 + [True] * 8


def test_words_close_together_rank_above_words_far_apart(backend):
    filler = " ".join(["tekst"] * 40)
    backend.rebuild(
        [
            doc("n:far", "Verhaal een", body=f"Een warme ontvangst. {filler} Daarna de overdracht."),
            doc("n:near", "Verhaal twee", body=f"Een {filler} warme overdracht tussen partners."),
        ]
    )
    assert keys(search(backend, "warme overdracht")) == ["n:near", "n:far"]


def test_recency_breaks_ties(backend):
    backend.rebuild(
        [
            doc("d:old", "Inloop", date=datetime.date(2019, 5, 1)),
            doc("d:new", "Inloop", date=datetime.date(2025, 5, 1)),
        ]
    )
    assert keys(search(backend, "inloop")) == ["d:new", "d:old"]


def test_meetings_that_are_over_rank_below_upcoming_ones_and_say_so(backend):
    today = datetime.date.today()
    backend.rebuild(
        [
            doc("e:past", "Spreekuur schuldhulp", type="event", date=today - datetime.timedelta(days=30)),
            doc("e:story", "Een verhaal", summary="Over het spreekuur schuldhulp.", date=datetime.date(2021, 1, 1)),
            doc("e:next", "Spreekuur schuldhulp", type="event", date=today + datetime.timedelta(days=30)),
        ]
    )
    results = search(backend, "spreekuur schuldhulp")
    assert keys(results) == ["e:next", "e:story", "e:past"]
    assert [hit.past for hit in results.hits] == [False, False, True]


# Dutch compounds


@pytest.mark.parametrize(
    ("query", "compound"),
    [
        ("armoede", "Aanpak van kinderarmoede"),
        ("school", "Schoolmaatschappelijk werk"),
        ("vertrouwen", "De vertrouwenspersoon"),
        ("schuldhulp", "Schuldhulpverlening in de regio"),
    ],
)
def test_a_part_finds_the_compound(backend, query, compound):
    backend.rebuild([doc("k:1", compound), doc("k:2", "Iets anders")])
    assert keys(search(backend, query)) == ["k:1"]


def test_a_whole_word_ranks_above_a_part_and_the_snippet_marks_the_part(backend):
    backend.rebuild(
        [
            doc("w:part", "Kinderarmoede in de wijk", summary="Over kinderarmoede in Almere."),
            doc("w:whole", "Armoede in de wijk", summary="Over armoede in Almere."),
        ]
    )
    results = search(backend, "armoede")
    assert keys(results) == ["w:whole", "w:part"]
    assert (
        "Kinder<mark>armoede</mark>" in results.hits[1].snippet
        or "kinder<mark>armoede</mark>" in results.hits[1].snippet
    )


# Synonyms and vocabularies


def test_synonyms_kept_by_editors_are_searched_too(backend):
    SynonymGroup.objects.create(terms="geldzorgen\ngeldproblemen\nfinanciële problemen")
    SynonymGroup.objects.create(terms="schuldhulpverlening\nschulddienstverlening")
    backend.rebuild(
        [
            doc("s:phrase", "Jongeren met financiële problemen"),
            doc("s:word", "Geldproblemen bespreekbaar maken"),
            doc("s:dienst", "Schulddienstverlening in Utrecht"),
            doc("s:other", "Problemen met de fiets"),
        ]
    )
    assert set(keys(search(backend, "geldzorgen"))) == {"s:phrase", "s:word"}
    assert keys(search(backend, "schuldhulpverlening")) == ["s:dienst"]
    # A term of several words is found as one: not every item with "problemen".
    assert set(keys(search(backend, "financiele problemen"))) == {"s:phrase", "s:word"}


def test_theme_target_group_and_tag_names_match_as_words(backend):
    backend.rebuild(
        [
            doc("v:theme", "Een netwerk in de wijk", themes=("kinderarmoede",)),
            doc("v:group", "Een spreekuur", target_groups=("gezinnen-met-kinderen",)),
            doc("v:tag", "Een bijeenkomst", tags=("voedselbank",)),
            doc("v:other", "Iets anders"),
        ]
    )
    assert keys(search(backend, "kinderarmoede")) == ["v:theme"]
    assert keys(search(backend, "gezinnen")) == ["v:group"]
    assert keys(search(backend, "voedselbank")) == ["v:tag"]


def test_a_compound_in_the_query_also_finds_its_parts_written_apart(backend):
    backend.rebuild(
        [
            doc("a:apart", "Hulp bij schuld", body="Een spreekuur."),
            doc("a:one", "Hulp bij ziekte"),
            doc("a:2", "Schuld"),
        ]
    )
    assert keys(search(backend, "schuldhulp")) == ["a:apart"]
