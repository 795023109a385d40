"""Search statistics are counted in memory and written in batches (search/statistics.py): nothing is lost or
counted twice, whether a batch is written by time, by size, at the report, or by several processes at once."""

import datetime
import threading

import pytest
from django.db import connection

from search import services, statistics
from search.models import QueryStat

pytestmark = pytest.mark.django_db


@pytest.fixture
def batching(settings):
    settings.SEARCH_STATISTICS_FLUSH_SECONDS = 3600
    settings.SEARCH_STATISTICS_MAX_PENDING = 1000
    statistics.tally.flush()
    yield statistics.tally
    statistics.tally.flush()


def counts():
    return {row.query: (row.searches, row.empty) for row in QueryStat.objects.all()}


def test_searches_wait_in_memory_until_the_batch_is_written(batching):
    for found in (True, True, False, True, False):
        services.log_query("Schuldhulp  Almere", found=found)
    assert counts() == {}
    assert batching.flush() == 1
    assert counts() == {"schuldhulp almere": (5, 2)}
    services.log_query("schuldhulp almere", found=True)
    batching.flush()
    assert counts() == {"schuldhulp almere": (6, 2)}


def test_a_full_batch_is_written_at_once(batching, settings):
    settings.SEARCH_STATISTICS_MAX_PENDING = 3
    services.log_query("voedselbank", found=True)
    services.log_query("taalcafe", found=False)
    assert counts() == {}
    services.log_query("budgetcoach", found=True)
    assert counts() == {"voedselbank": (1, 0), "taalcafe": (1, 1), "budgetcoach": (1, 0)}


def test_the_report_includes_what_is_still_in_memory(batching):
    services.log_query("inloop", found=False)
    today = datetime.date.today()
    report = services.query_report(today - datetime.timedelta(days=1), today + datetime.timedelta(days=1))
    assert (report["searches"], report["empty_searches"]) == (1, 1)


def test_the_batch_adds_to_rows_written_before(batching):
    QueryStat.objects.create(day=datetime.date.today(), query="armoede", searches=10, empty=1)
    services.log_query("armoede", found=False)
    batching.flush()
    assert counts() == {"armoede": (11, 2)}


def test_a_typed_phone_number_is_not_kept(batching):
    services.log_query("bel 06 12345678", found=True)
    batching.flush()
    assert "12345678" not in " ".join(counts())


@pytest.mark.django_db(transaction=True)
def test_processes_writing_the_same_rows_at_once_lose_nothing(settings):
    """Eight processes (a tally and a connection each) write their batches for the same queries at the same moment."""
    settings.SEARCH_STATISTICS_FLUSH_SECONDS = 3600
    day = datetime.date.today()
    tallies = []
    for _ in range(8):
        tally = statistics.Tally()
        for _ in range(5):
            tally.add(day, "schulden", 0)
            tally.add(day, "voedselbank", 1)
        tallies.append(tally)
    start = threading.Barrier(len(tallies))
    failures = []

    def flush(tally):
        try:
            start.wait()
            tally.flush()
            assert tally.pending() == {}
        except Exception as error:  # noqa: BLE001 (reported below)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=flush, args=(tally,)) for tally in tallies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert counts() == {"schulden": (40, 0), "voedselbank": (40, 40)}
