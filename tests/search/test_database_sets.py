"""PostgreSQL: each process keeps the index as entry sets; searches must still see every change at once.

What one transaction indexes it finds itself before committing; other connections see it
from the commit on, never before; a change that is rolled back leaves no trace in the sets
kept by any process.
"""

import threading

import pytest
from django.db import connection, transaction

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from tests.search.conftest import doc

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def titles(backend, text, **filters):
    return sorted(hit.title for hit in backend.search(SearchQuery(text=text, filters=filters, limit=50)).hits)


def in_thread(work):
    """Run ``work`` on its own database connection (as another process would) and return what it returned."""
    result, failure = {}, []

    def run():
        try:
            result["value"] = work()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            failure.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not failure, failure
    return result.get("value")


def test_a_change_committed_elsewhere_shows_in_the_next_search():
    backend = DatabaseBackend()
    backend.rebuild([doc("s:1", "Budgetcafé in de wijk", themes=("schulden",))])
    assert titles(backend, "budgetcafe") == ["Budgetcafé in de wijk"]  # the sets are now kept

    in_thread(lambda: backend.index([doc("s:2", "Budgetcafé voor jongeren", themes=("schulden",))]))

    assert titles(backend, "budgetcafe") == ["Budgetcafé in de wijk", "Budgetcafé voor jongeren"]
    facets = backend.search(SearchQuery(text="budgetcafe")).facets
    assert [(c.value, c.count) for c in facets["theme"]] == [("schulden", 2)]


def test_an_uncommitted_change_is_seen_by_its_own_transaction_only():
    backend = DatabaseBackend()
    backend.rebuild([doc("s:1", "Budgetcafé in de wijk")])
    assert titles(backend, "budgetcafe") == ["Budgetcafé in de wijk"]
    indexed, checked = threading.Event(), threading.Event()

    def change_then_roll_back():
        with transaction.atomic():
            backend.index([doc("s:2", "Budgetcafé voor jongeren")])
            own = titles(backend, "budgetcafe"), backend.search(SearchQuery()).total
            indexed.set()
            checked.wait(timeout=30)
            transaction.set_rollback(True)
        return own

    thread_result = {}
    thread = threading.Thread(target=lambda: thread_result.update(own=in_thread(change_then_roll_back)))
    thread.start()
    assert indexed.wait(timeout=30)
    during = titles(backend, "budgetcafe"), backend.search(SearchQuery()).total
    checked.set()
    thread.join(timeout=60)

    assert thread_result["own"] == (["Budgetcafé in de wijk", "Budgetcafé voor jongeren"], 2)
    assert during == (["Budgetcafé in de wijk"], 1)
    assert titles(backend, "budgetcafe") == ["Budgetcafé in de wijk"]
    assert in_thread(lambda: titles(backend, "budgetcafe")) == ["Budgetcafé in de wijk"]


def test_a_deleted_entry_leaves_results_counts_and_facets():
    backend = DatabaseBackend()
    backend.rebuild(
        [doc("s:1", "Budgetcafé in de wijk", themes=("schulden",)), doc("s:2", "Budgetcafé in de kerk", type="event")]
    )
    assert backend.search(SearchQuery(text="budgetcafe")).total == 2

    in_thread(lambda: backend.delete(["s:2"]))

    results = backend.search(SearchQuery(text="budgetcafe"))
    assert (results.total, [hit.key for hit in results.hits]) == (1, ["s:1"])
    assert [(c.value, c.count) for c in results.facets["type"]] == [("story", 1)]
