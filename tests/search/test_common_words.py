"""PostgreSQL: the common words' kept sets give exactly what the GIN index gives, and stay exact as the index changes."""

import datetime
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from search.backends import common_words
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from tests.search.conftest import doc

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

WORDS = ["schulden", "moskee", "buurt", "vrijwilligers", "voedselbank", "jongeren", "budget", "inloop"]
QUERIES = [
    ("schulden", {}, "relevance", 0),
    ("schulden moskee", {}, "relevance", 0),
    ("vrijwilligers voedselbank jongeren", {}, "relevance", 0),
    ("budgetcoach", {}, "relevance", 0),  # a compound: its parts are common words
    ('"schulden moskee"', {}, "relevance", 0),
    ("schulden -moskee", {}, "relevance", 0),
    ("buurt inloop", {"type": ("event",)}, "relevance", 0),
    ("jongeren", {"theme": ("armoede",)}, "date", 0),
    ("schulden", {}, "relevance", 10),
    ("onbekendwoord schulden", {}, "relevance", 0),
]


def corpus(size=48):
    """Items in which the same few words are in titles, summaries and bodies in turn, of every type."""
    types = ["story", "guide", "event", "organisation"]
    items = []
    for n in range(size):
        first, second, third = WORDS[n % 8], WORDS[(n * 3 + 1) % 8], WORDS[(n * 5 + 2) % 8]
        items.append(
            doc(
                f"c:{n}",
                f"{first.capitalize()} in de wijk {n}",
                type=types[n % 4],
                summary=f"Over {second} en {third}." if n % 3 else f"Over {second} {third} samen.",
                body=f"Een verhaal over {third}, {WORDS[(n + 4) % 8]} en budgetcoach {n % 5}.",
                themes=("armoede",) if n % 2 else ("schulden",),
                date=datetime.date(2026, 1 + n % 12, 1 + n % 27) if n % 7 else None,
            )
        )
    return items


def answers(backend):
    found = []
    for text, filters, sort, offset in QUERIES:
        results = backend.search(SearchQuery(text=text, filters=filters, sort=sort, offset=offset, limit=10))
        found.append(
            (
                text,
                results.total,
                results.complete,
                [(hit.key, round(hit.score, 6), hit.missing, hit.past) for hit in results.hits],
                {facet: sorted((c.value, c.count) for c in counts) for facet, counts in results.facets.items()},
            )
        )
    return found


def stored():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stem, matched, title, head FROM {common_words.TABLE} ORDER BY stem")
        return [(stem, *(common_words._as_int(value) for value in values)) for stem, *values in cursor.fetchall()]


def without_common_words(backend):
    """The same searches with the GIN index alone."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {common_words.TABLE}")
        backend.forget_texts()
        found = answers(backend)
        transaction.set_rollback(True)
    backend.forget_texts()
    return found


def kept_sets_are_exact():
    """Whether each kept stem's sets are what the vectors say now, asked through the GIN index."""
    kept = stored()
    with connection.cursor() as cursor:
        for stem, matched, title, head in kept:
            found = []
            for column, weight in (("vector", ""), ("head", ":A"), ("head", ":B")):
                cursor.execute(
                    f"SELECT coalesce(array_agg(id), '{{}}') FROM search_entry_match "
                    f"WHERE {column} @@ to_tsquery('simple', %s)",
                    [f"'{stem}'{weight}"],
                )
                found.append(sum(1 << pk for pk in cursor.fetchone()[0]))
            if found != [matched, title, head]:
                return False
    return bool(kept)


@pytest.fixture
def backend():
    backend = DatabaseBackend()
    backend.rebuild(corpus())
    backend.forget_texts()
    return backend


def test_a_rebuild_keeps_the_words_many_items_hold(backend):
    stems = {row[0] for row in stored()}
    assert {"schuld", "moskee", "buurt", "vrijwilliger"} <= stems


def test_searches_give_the_same_results_with_and_without_the_kept_sets(backend):
    with_kept = answers(backend)
    assert with_kept[0][1] > 20  # "schulden" is common here
    assert with_kept == without_common_words(backend)


def test_changes_keep_the_sets_exact(backend):
    backend.index(
        [
            # "schulden" moves from the body into the title; "moskee" leaves the item.
            doc("c:3", "Schulden en de buurt", summary="Alleen over de buurt.", body="Niets meer over de rest."),
            doc("c:100", "Nieuwe moskee helpt met budget", summary="Vrijwilligers en jongeren.", type="event"),
        ]
    )
    backend.delete(["c:5", "c:6"])
    assert kept_sets_are_exact()
    backend.forget_texts()
    assert answers(backend) == without_common_words(backend)


def test_the_hourly_refresh_adds_words_that_became_common_and_drops_rare_ones(backend, settings):
    every_stem = [row[0] for row in stored()]
    with connection.cursor() as cursor:
        holding = {}
        for stem in every_stem:
            cursor.execute("SELECT count(*) FROM search_entry_match WHERE vector @@ to_tsquery('simple', %s)", [stem])
            holding[stem] = cursor.fetchone()[0]
        settings.SEARCH_COMMON_WORD_ENTRIES = 30
        assert common_words.refresh(cursor) == (0, sum(1 for count in holding.values() if count < 30))
        assert [row[0] for row in stored()] == sorted(stem for stem, count in holding.items() if count >= 30)
        settings.SEARCH_COMMON_WORD_ENTRIES = 1
        assert common_words.refresh(cursor) == (sum(1 for count in holding.values() if count < 30), 0)
    assert [row[0] for row in stored()] == every_stem
    assert kept_sets_are_exact()


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_leave_the_sets_exact():
    backend = DatabaseBackend()
    backend.rebuild(corpus(24))
    start = threading.Barrier(4)
    failures = []

    def write(n):
        try:
            start.wait(timeout=30)
            for round_ in range(3):
                backend.index(
                    [
                        doc(f"c:{n}", f"Moskee en schulden ronde {round_}", body="Vrijwilligers in de buurt."),
                        doc(f"p:{n}:{round_}", "Budget voor jongeren", summary="Inloop en voedselbank."),
                    ]
                )
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert kept_sets_are_exact()
    assert answers(backend) == without_common_words(backend)


def test_the_command_reports_what_it_added_and_dropped(backend, settings):
    kept = len(stored())
    settings.SEARCH_COMMON_WORD_ENTRIES = 10_000
    out = io.StringIO()
    call_command("search_common_words", stdout=out)
    assert out.getvalue() == f"Veelvoorkomende woorden bijgewerkt: 0 toegevoegd, {kept} verwijderd.\n"
    assert stored() == []
