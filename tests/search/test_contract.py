"""One contract every search backend must keep (tests/search/conftest.py runs it on each)."""

import datetime

import pytest

from search.backends.base import FACETS, SearchQuery

from .conftest import doc

pytestmark = pytest.mark.django_db


def search(backend, text="", **kwargs):
    filters = {facet: tuple(values) for facet, values in kwargs.pop("filters", {}).items()}
    return backend.search(SearchQuery(text=text, filters=filters, **kwargs))


def keys(results):
    return [hit.key for hit in results.hits]


def counts(results, facet):
    return {fc.value: fc.count for fc in results.facets[facet]}


def needs_stemming(backend):
    if not getattr(backend, "stems_dutch", True):
        pytest.skip("osmem does not apply Dutch stemming")


@pytest.fixture
def corpus(backend):
    backend.rebuild(
        [
            doc(
                "t:1",
                "Alliantie tegen schulden in Almere",
                summary="Vier partners tekenden een convenant.",
                body="Elke donderdag een inloop in het Financieel Huis.",
                themes=("schulden", "samenwerking"),
                target_groups=("ouderen",),
                municipalities=("almere",),
                organisation_kind="formeel",
                tags=("inloop", "convenant"),
                date=datetime.date(2024, 3, 4),
            ),
            doc(
                "t:2",
                "Dialoogtafels met moskeeën",
                type="guide",
                summary="Zo bouwt u een netwerk met een bijeenkomst.",
                body="Over vertrouwen en doorverwijzen.",
                file_text="Een bijlage over kinderarmoede in de wijk.",
                themes=("samenwerking", "diversiteit"),
                target_groups=("migranten",),
                municipalities=("utrecht",),
                organisation_kind="informeel",
                tags=("dialoog",),
                date=datetime.date(2023, 5, 12),
            ),
            doc(
                "t:3",
                "Draaiboek netwerk kinderarmoede",
                type="playbook",
                summary="Vijf stappen naar een netwerk.",
                body="Stap voor stap.",
                themes=("kinderarmoede",),
                target_groups=("gezinnen-met-kinderen",),
                municipalities=("almere",),
                date=datetime.date(2022, 1, 10),
            ),
            doc(
                "t:4",
                "Humanitas Almere",
                type="organisation",
                url="/organisaties/humanitas-almere/",
                summary="Vrijwilligers helpen met de thuisadministratie.",
                themes=("schulden",),
                municipalities=("almere",),
                organisation_kind="formeel",
                date=None,
            ),
        ]
    )
    return backend


# Ranking and snippets


def test_a_title_match_ranks_above_a_body_match(backend):
    backend.rebuild(
        [
            doc("r:body", "Over de wijk", body="Hier staat iets over het spreekuur in de wijk, " * 3),
            doc("r:title", "Het spreekuur", body="Een tekst over iets anders."),
        ]
    )
    assert keys(search(backend, "spreekuur")) == ["r:title", "r:body"]


def test_a_summary_match_ranks_above_a_file_match(backend):
    backend.rebuild(
        [
            doc("r:file", "Handreiking A", type="guide", file_text="Een bijlage over mantelzorg en nog veel meer."),
            doc("r:summary", "Handreiking B", type="guide", summary="Alles over mantelzorg."),
        ]
    )
    assert keys(search(backend, "mantelzorg")) == ["r:summary", "r:file"]


def test_hits_carry_type_date_url_themes_and_a_highlighted_snippet(corpus):
    results = search(corpus, "convenant")
    hit = results.hits[0]
    assert (hit.key, hit.type, hit.url) == ("t:1", "story", "/t-1/")
    assert hit.date == datetime.date(2024, 3, 4)
    assert set(hit.themes) == {"schulden", "samenwerking"}
    assert "<mark>convenant</mark>" in hit.snippet
    assert hit.score > 0


def test_the_snippet_shows_the_match_inside_an_attached_file(corpus):
    hit = search(corpus, "kinderarmoede", filters={"type": ["guide"]}).hits[0]
    assert hit.key == "t:2"
    assert "<mark>kinderarmoede</mark>" in hit.snippet
    assert "bijlage" in hit.snippet


def test_snippets_are_escaped(backend):
    backend.rebuild([doc("x:1", "Veilig", summary="<script>alert(1)</script> over veiligheid")])
    snippet = search(backend, "veiligheid").hits[0].snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


# Dutch language handling


def test_stemming_finds_other_forms_of_a_word(backend):
    needs_stemming(backend)
    backend.rebuild(
        [
            doc("s:1", "Hulp bij schuld", body="Samen werken we aan een oplossing."),
            doc("s:2", "Wij gaan samenwerken", body="Met de gemeente."),
        ]
    )
    assert keys(search(backend, "schulden")) == ["s:1"]
    assert keys(search(backend, "samenwerking")) == ["s:2"]


def test_case_and_accents_do_not_matter(backend):
    backend.rebuild([doc("a:1", "Financiële hulp voor Caribische Nederlanders"), doc("a:2", "Iets anders")])
    assert keys(search(backend, "financiele")) == ["a:1"]
    assert keys(search(backend, "FINANCIËLE")) == ["a:1"]
    assert keys(search(backend, "caribische")) == ["a:1"]


def test_stop_words_do_not_have_to_match(backend):
    backend.rebuild([doc("w:1", "Schuldhulpmaatje in Utrecht")])
    assert keys(search(backend, "de schuldhulpmaatje van utrecht")) == ["w:1"]


def test_a_typo_gets_a_suggestion_when_nothing_matches(corpus):
    results = search(corpus, "aliantie")
    assert results.total == 0
    assert results.suggestion == "alliantie"


def test_no_suggestion_when_something_matches_or_nothing_is_close(corpus):
    assert search(corpus, "alliantie").suggestion is None
    assert search(corpus, "xylofoonzzz").suggestion is None


# Facets


def test_browsing_without_a_query_returns_everything_with_facet_counts(corpus):
    results = search(corpus)
    assert results.total == 4
    assert counts(results, "type") == {"story": 1, "guide": 1, "playbook": 1, "organisation": 1}
    assert counts(results, "theme") == {"schulden": 2, "samenwerking": 2, "diversiteit": 1, "kinderarmoede": 1}
    assert counts(results, "municipality") == {"almere": 3, "utrecht": 1}
    assert counts(results, "organisation_kind") == {"formeel": 2, "informeel": 1}
    assert counts(results, "target_group") == {"ouderen": 1, "migranten": 1, "gezinnen-met-kinderen": 1}
    assert counts(results, "tag") == {"inloop": 1, "convenant": 1, "dialoog": 1}
    assert counts(results, "year") == {"2024": 1, "2023": 1, "2022": 1}
    assert set(results.facets) == set(FACETS)


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("type", "playbook", {"t:3"}),
        ("theme", "samenwerking", {"t:1", "t:2"}),
        ("target_group", "migranten", {"t:2"}),
        ("municipality", "almere", {"t:1", "t:3", "t:4"}),
        ("organisation_kind", "formeel", {"t:1", "t:4"}),
        ("tag", "inloop", {"t:1"}),
        ("year", "2023", {"t:2"}),
    ],
)
def test_every_facet_filters(corpus, facet, value, expected):
    results = search(corpus, filters={facet: [value]})
    assert set(keys(results)) == expected
    assert results.total == len(expected)


def test_values_within_a_facet_are_alternatives_and_facets_narrow_each_other(corpus):
    assert set(keys(search(corpus, filters={"type": ["story", "guide"]}))) == {"t:1", "t:2"}
    results = search(corpus, filters={"type": ["story", "guide"], "municipality": ["almere"]})
    assert keys(results) == ["t:1"]
    assert set(keys(search(corpus, "netwerk", filters={"municipality": ["almere"]}))) == {"t:3"}


def test_facet_counts_reflect_the_other_filters(corpus):
    results = search(corpus, filters={"type": ["story"], "municipality": ["almere"]})
    # The chosen facet keeps its alternatives, counted under the other filters ...
    assert counts(results, "type") == {"story": 1, "playbook": 1, "organisation": 1}
    assert counts(results, "municipality") == {"almere": 1}
    # ... and the others count under all filters.
    assert counts(results, "theme") == {"schulden": 1, "samenwerking": 1}


def test_facet_counts_follow_the_text_query(corpus):
    results = search(corpus, "netwerk")
    assert counts(results, "type") == {"guide": 1, "playbook": 1}


def test_sort_by_date_and_pagination(corpus):
    results = search(corpus, sort="date", limit=2)
    assert keys(results) == ["t:1", "t:2"]
    assert results.total == 4
    assert keys(search(corpus, sort="date", limit=2, offset=2)) == ["t:3", "t:4"]


# Index maintenance


def test_index_replaces_by_key_and_delete_removes(corpus):
    corpus.index([doc("t:1", "Nieuwe titel over budgetcoaching", themes=("geldzorgen",))])
    assert keys(search(corpus, "budgetcoaching")) == ["t:1"]
    assert search(corpus, "alliantie").total == 0
    assert counts(search(corpus), "theme").get("geldzorgen") == 1
    corpus.delete(["t:1", "t:onbekend"])
    assert search(corpus, "budgetcoaching").total == 0
    assert search(corpus).total == 3


def test_rebuild_replaces_everything(corpus):
    assert corpus.rebuild([doc("n:1", "Enige item")]) == 1
    assert keys(search(corpus)) == ["n:1"]


# Autocomplete


def test_suggestions_complete_titles_organisations_and_tags(corpus):
    titles = corpus.suggest("allia")
    assert [(s.text, s.url, s.kind) for s in titles] == [("Alliantie tegen schulden in Almere", "/t-1/", "title")]
    organisations = corpus.suggest("human")
    assert [(s.text, s.kind) for s in organisations] == [("Humanitas Almere", "organisation")]
    tags = corpus.suggest("inlo")
    assert ("inloop", "tag") in [(s.text, s.kind) for s in tags]


def test_suggestions_match_later_words_and_ignore_accents_and_case(corpus):
    assert "Dialoogtafels met moskeeën" in [s.text for s in corpus.suggest("MOSKEE")]
    assert corpus.suggest("a") == []
    assert len(corpus.suggest("al", limit=1)) == 1


def test_a_suggested_meeting_is_labelled_a_meeting_not_material(backend):
    backend.rebuild([doc("e:1", "Netwerkbijeenkomst Oldenzaal", type="event", date=datetime.date(2027, 1, 5))])
    assert [(s.text, s.kind) for s in backend.suggest("netwerk")] == [("Netwerkbijeenkomst Oldenzaal", "event")]
