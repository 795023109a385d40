"""Facet counts under several filters, and counts of the whole index staying current (every backend)."""

import datetime

import pytest

from search.backends.base import SearchQuery

from .conftest import doc

pytestmark = pytest.mark.django_db


def search(backend, text="", **filters):
    return backend.search(SearchQuery(text=text, filters={facet: tuple(values) for facet, values in filters.items()}))


def counts(results, facet):
    return {fc.value: fc.count for fc in results.facets[facet]}


def item(key, theme, municipality, year, title="Inloop"):
    return doc(key, title, themes=(theme,), municipalities=(municipality,), date=datetime.date(year, 6, 1))


@pytest.fixture
def filtered(backend):
    backend.rebuild(
        [
            item("f:all", "schulden", "almere", 2024),
            item("f:not-municipality", "schulden", "utrecht", 2024),
            item("f:not-theme", "kinderarmoede", "almere", 2024),
            item("f:not-year", "schulden", "almere", 2023),
            # Fails two filters: counts in no facet.
            item("f:not-theme-nor-year", "kinderarmoede", "almere", 2023),
            # Meets every filter but not the text.
            item("f:other-text", "schulden", "almere", 2024, title="Spreekuur"),
        ]
    )
    return backend


@pytest.mark.parametrize(("text", "total_all"), [("inloop", 1), ("", 2)])
def test_each_facet_counts_under_the_other_filters_only(filtered, text, total_all):
    results = search(filtered, text, theme=["schulden"], municipality=["almere"], year=["2024"])
    assert results.total == total_all
    extra = 0 if text else 1  # "f:other-text" counts when there is no text to match
    assert counts(results, "theme") == {"schulden": 1 + extra, "kinderarmoede": 1}
    assert counts(results, "municipality") == {"almere": 1 + extra, "utrecht": 1}
    assert counts(results, "year") == {"2024": 1 + extra, "2023": 1}
    assert counts(results, "type") == {"story": 1 + extra}


def test_a_single_filter_keeps_all_alternatives_of_its_facet(filtered):
    results = search(filtered, theme=["schulden"])
    assert results.total == 4
    assert counts(results, "theme") == {"schulden": 4, "kinderarmoede": 2}
    assert counts(results, "municipality") == {"almere": 3, "utrecht": 1}
    assert counts(results, "year") == {"2024": 3, "2023": 1}
    both = search(filtered, theme=["schulden", "kinderarmoede"], year=["2023"])
    assert both.total == 2
    assert counts(both, "theme") == {"schulden": 1, "kinderarmoede": 1}
    assert counts(both, "year") == {"2024": 4, "2023": 2}


def test_counts_of_the_whole_index_follow_every_change(filtered):
    assert search(filtered).total == 6
    assert counts(search(filtered), "municipality") == {"almere": 5, "utrecht": 1}
    filtered.index([item("f:new", "schulden", "zwolle", 2025)])
    results = search(filtered)
    assert results.total == 7
    assert counts(results, "municipality") == {"almere": 5, "utrecht": 1, "zwolle": 1}
    assert counts(search(filtered, theme=["schulden"]), "theme") == {"schulden": 5, "kinderarmoede": 2}
    filtered.delete(["f:new", "f:not-municipality"])
    assert counts(search(filtered), "municipality") == {"almere": 5}
    filtered.rebuild([item("f:only", "armoede", "utrecht", 2022)])
    results = search(filtered)
    assert results.total == 1
    assert counts(results, "theme") == {"armoede": 1}
