"""Search relevance on the demo content: nDCG@10, hit@3 and the zero-result rate per backend.

    .venv/bin/python bench/relevance.py                      # SQLite, fresh file var/bench/relevance.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisplatform_bench .venv/bin/python bench/relevance.py
    .venv/bin/python bench/relevance.py --backend database elasticsearch --osmem

The judgements are in bench/relevance.json: queries as visitors type them, each
with the titles of the items that answer it, graded 3 (what the person is
looking for), 2 (clearly useful) or 1 (related). Items not named count as 0.

A fresh database gets the demo content (the same as `./dev run`); every backend
then indexes it and answers every query the way the search page does: when
nothing is found and there is a "bedoelde u" suggestion, the suggestion's results.

* nDCG@10: discounted gain of the first ten results against the ideal order of the judged items;
* hit@3: a result graded 2 or 3 among the first three;
* zero results: the query (and its suggestion) found nothing.

--list prints what the demo content puts in the index (to write judgements);
--verbose prints each query's first three results.
"""

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

JUDGEMENTS = ROOT / "bench" / "relevance.json"
GOOD = 2  # the grade from which a result counts as a hit


def dcg(grades):
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg(found_grades, judged_grades, depth=10):
    ideal = dcg(sorted(judged_grades, reverse=True)[:depth])
    return dcg(found_grades[:depth]) / ideal if ideal else 0.0


def answer(backend, text):
    """The first ten titles for ``text`` as the search page shows them."""
    from search.backends.base import SearchQuery

    results = backend.search(SearchQuery(text=text, limit=10))
    if not results.total and results.suggestion:
        results = backend.search(SearchQuery(text=results.suggestion, limit=10))
    return [hit.title for hit in results.hits], results.total


def evaluate(backend, judgements, verbose=False):
    scores, hits, zero, unknown = [], 0, [], set()
    indexed = set(backend_titles(backend))
    for judgement in judgements:
        grades = judgement["relevant"]
        unknown.update(title for title in grades if title not in indexed)
        titles, total = answer(backend, judgement["query"])
        found = [grades.get(title, 0) for title in titles]
        scores.append(ndcg(found, list(grades.values())))
        hit = any(grade >= GOOD for grade in found[:3])
        hits += hit
        if not total:
            zero.append(judgement["query"])
        if verbose or not hit:
            mark = "  " if hit else "✗ "
            print(f"{mark}{judgement['query']!r}: {titles[:3]}", file=sys.stderr)
    count = len(judgements)
    return {
        "queries": count,
        "ndcg@10": round(sum(scores) / count, 3),
        "hit@3": round(hits / count, 3),
        "zero_results": round(len(zero) / count, 3),
        "zero_result_queries": zero,
        "judged_titles_not_in_index": sorted(unknown),
    }


def backend_titles(backend):
    from search.backends.base import SearchQuery

    return [hit.title for hit in backend.search(SearchQuery(limit=10_000)).hits]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", nargs="+", default=["database"], choices=["database", "elasticsearch"])
    parser.add_argument("--osmem", action="store_true", help="without ELASTICSEARCH_URL, use osmem")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--list", action="store_true", help="print the indexed items and stop")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    from search_bench import make_backends, prepare_database

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
    url = os.environ.get("DATABASE_URL", "")
    if not url:  # a file of its own, so that it can run beside search_bench.py
        path = ROOT / "var" / "bench" / "relevance.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in path.parent.glob("relevance.sqlite3*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    prepare_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search import services

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", force=True, verbosity=0, stdout=open(os.devnull, "w"))
    judgements = json.loads(args.judgements.read_text(encoding="utf-8"))
    report = {}
    for name, backend in make_backends(args.backend, args.osmem).items():
        services.rebuild(backend)
        if args.list:
            for title in sorted(backend_titles(backend)):
                print(title)
            return
        label = f"{name} ({connection.vendor})" if name == "database" else name
        report[label] = evaluate(backend, judgements, verbose=args.verbose)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
