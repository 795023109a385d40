"""Search benchmark: index build time and query latency per backend, beside Wagtail's own search.

    .venv/bin/python bench/search_bench.py --items 10000 50000 --backend database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisplatform_bench \\
        .venv/bin/python bench/search_bench.py --items 10000 50000 --backend database elasticsearch

For each corpus size it builds a synthetic corpus (bench/corpus.py), then per backend:
  * ``rebuild``: a full reindex of all items (SearchDocuments straight into the backend),
  * p50/p95 latency of typical searches (text, facet filters, sort, a typo) and autocomplete,
and, unless --no-wagtail, the same items as Wagtail pages, the time of Wagtail's
``update_index`` and the latency of the same text searches through Wagtail's
database search backend (what /zoeken/ used before: count plus first page, no facets).
With the pages there is also ``search_reindex``: the site's full reindex end to end
(documents built from the pages and written by the database backend), the command
production runs. --no-wagtail-search creates the pages and times only that.

The database named by DATABASE_URL is DROPPED and recreated (its name must
contain "bench"); without DATABASE_URL a fresh SQLite file in var/bench/ is
used. Elasticsearch runs when ELASTICSEARCH_URL is set (indices "bench-search-*").
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

QUERIES = [
    # (name, text, filters, sort)
    ("één woord", "schulden", {}, "relevance"),
    ("twee woorden", "voedselbank vrijwilligers", {}, "relevance"),
    ("accent weg", "financiele hulp jongeren", {}, "relevance"),
    ("zin", "warme overdracht moskee wijk", {}, "relevance"),
    ("woord + thema", "schuldhulpverlening", {"theme": ("schulden",)}, "relevance"),
    ("woord + gemeente + soort", "armoede", {"municipality": ("amsterdam",), "type": ("story",)}, "relevance"),
    (
        "woord + 3 filters",
        "budgetcoach",
        {"theme": ("geldzorgen", "schulden"), "target_group": ("jongeren",), "year": ("2024", "2025")},
        "relevance",
    ),
    ("woord, op datum", "noodhulp", {"year": ("2024",)}, "date"),
    ("alleen filters", "", {"theme": ("kinderarmoede",), "target_group": ("gezinnen-met-kinderen",)}, "date"),
    ("alles, bladeren", "", {}, "date"),
    ("typfout", "vrijwiligers voedselbank", {}, "relevance"),
    ("pagina 5", "gemeente", {"type": ("story", "guide")}, "relevance"),
]
PREFIXES = ["sc", "schul", "voedselb", "stichting", "dialoogt", "inlo"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def milliseconds(values):
    return {"p50": round(percentile(values, 0.5) * 1000, 1), "p95": round(percentile(values, 0.95) * 1000, 1)}


def timed(function, rounds, warmup=2):
    for _ in range(warmup):
        function()
    durations = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        durations.append(time.perf_counter() - start)
    return durations


def prepare_database(url):
    """Point Django at a fresh, empty database."""
    if not url:
        path = ROOT / "var" / "bench" / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in path.parent.glob("bench.sqlite3*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    elif url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        if "bench" not in name:
            sys.exit(f"Refusing to drop database {name!r}: its name must contain 'bench'.")
        admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    return url


def analyze():
    """Refresh the planner's statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` would on a live site:
    right after a bulk fill they describe the empty tables, and the planner picks nested loops."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def search_document(item):
    from search.backends.base import SearchDocument

    return SearchDocument(
        key=f"bench.item:{item.number}",
        type=item.type,
        title=item.title,
        url=f"/bench/{item.number}/",
        summary=item.summary,
        body=item.body,
        file_text=item.file_text,
        date=item.date,
        themes=item.themes,
        target_groups=item.target_groups,
        municipalities=item.municipalities,
        organisation_kind=item.organisation_kind,
        tags=item.tags,
    )


def make_backends(names, osmem):
    backends = {}
    for name in names:
        if name == "database":
            from search.backends.database import DatabaseBackend

            backends["database"] = DatabaseBackend()
        elif name == "elasticsearch":
            from search.backends.elasticsearch import ElasticsearchBackend

            if os.environ.get("ELASTICSEARCH_URL"):
                backends["elasticsearch"] = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], "bench")
            elif osmem:
                # The in-memory test engine: shows the code path works, not how fast Elasticsearch is.
                from osmem_server import OsmemServer

                from tests.search.es import osmem_backend

                server = OsmemServer.start(japanese=False)
                backends["elasticsearch (osmem)"] = osmem_backend(server.clone().url)
            else:
                print("elasticsearch: ELASTICSEARCH_URL is not set; skipped (or pass --osmem).", file=sys.stderr)
    return backends


def bench_backend(backend, documents, rounds):
    from search.backends.base import SearchQuery

    start = time.perf_counter()
    backend.rebuild(documents)
    rebuild = time.perf_counter() - start
    analyze()
    # The first search after a change reads what a backend keeps per process (PostgreSQL: the entry sets).
    start = time.perf_counter()
    backend.search(SearchQuery())
    after_change = time.perf_counter() - start
    # A backend that keeps what it matched for a text (the database backend on PostgreSQL) is also
    # timed as on the first search of those words since the last change of the index.
    forget = backend.forget_texts if getattr(backend, "keeps_texts", False) else None
    queries, everything, first = {}, [], []
    for name, text, filters, sort in QUERIES:
        offset = 40 if name == "pagina 5" else 0
        query = SearchQuery(text=text, filters=filters, sort=sort, offset=offset, limit=10)
        total = backend.search(query).total
        durations = timed(lambda query=query: backend.search(query), rounds)
        everything += durations
        queries[name] = milliseconds(durations) | {"total": total}
        if forget:

            def first_search(query=query):
                forget()
                return backend.search(query)

            first_durations = timed(first_search, rounds)
            first += first_durations
            queries[name]["first"] = milliseconds(first_durations)
    suggest = []
    for prefix in PREFIXES:
        suggest += timed(lambda prefix=prefix: backend.suggest(prefix), rounds)
    return {
        "rebuild_s": round(rebuild, 1),
        "first_after_change_ms": round(after_change * 1000, 1),
        "search_ms": milliseconds(everything),
        **({"first_search_ms": milliseconds(first)} if first else {}),
        "suggest_ms": milliseconds(suggest),
        "queries": queries,
    }


class WagtailPages:
    """The same items as StoryPages (body = body + file text), searched through Wagtail's database backend."""

    def __init__(self):
        from django.conf import settings
        from wagtail.models import Page

        from home.models import HomePage
        from library.models import LibraryIndexPage

        # Wagtail would index every page as it is saved; update_index does it once, timed.
        for config in settings.WAGTAILSEARCH_BACKENDS.values():
            config["AUTO_UPDATE"] = False
        home = HomePage.objects.get()
        self.index_page = LibraryIndexPage.objects.first() or home.add_child(
            instance=LibraryIndexPage(title="Bibliotheek", slug="bibliotheek")
        )
        self.Page = Page
        self.created = 0

    def add(self, items):
        """Insert the items as live StoryPages in bulk.

        Saving 50,000 pages one by one through treebeard takes the better part
        of an hour; these are the same rows (tree path, url_path, the three
        tables of StoryPage), written a few hundred at a time.
        """
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style
        from django.db import connection, transaction
        from django.db.models import Max
        from django.utils import timezone

        from library.models import LibraryPage, StoryPage

        start = time.perf_counter()
        parent = self.Page.objects.get(pk=self.index_page.pk)
        content_type = ContentType.objects.get_for_model(StoryPage)
        first_id = (self.Page.objects.aggregate(Max("id"))["id__max"] or 0) + 1
        now = timezone.now()
        pages = []
        for offset, item in enumerate(items):
            paragraphs = [part for part in (item.body + "\n\n" + item.file_text).split("\n\n") if part]
            slug = f"item-{item.number}"
            page = StoryPage(
                title=item.title,
                draft_title=item.title,
                slug=slug,
                summary=item.summary,
                published=item.date,
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
                path=self.Page._get_path(parent.path, parent.depth + 1, parent.numchild + offset + 1),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            page.id = page.page_ptr_id = page.librarypage_ptr_id = first_id + offset
            pages.append(page)
        with transaction.atomic():
            for model in (self.Page, LibraryPage, StoryPage):
                for batch in range(0, len(pages), 500):
                    model._base_manager._insert(pages[batch : batch + 500], fields=model._meta.local_concrete_fields)
            self.Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [self.Page]):
                    cursor.execute(sql)
        self.created += len(pages)
        return time.perf_counter() - start

    def reindex(self):
        """Seconds of ``search_reindex --backend database`` over all pages, and how many items it indexed."""
        import io

        from django.core.management import call_command

        from search.models import SearchEntry

        start = time.perf_counter()
        call_command("search_reindex", backend="database", stdout=io.StringIO(), stderr=io.StringIO())
        return time.perf_counter() - start, SearchEntry.objects.count()

    def bench(self, rounds):
        from django.core.management import call_command

        start = time.perf_counter()
        call_command("update_index", verbosity=0)
        build = time.perf_counter() - start
        analyze()
        queries, everything = {}, []
        for name, text, _filters, _sort in QUERIES:
            if not text:
                continue  # Wagtail's search has no facets to browse by

            def run(text=text):
                results = self.Page.objects.live().public().specific().search(text)
                results.count()
                list(results[:10])

            # Wagtail's search gets slow with size; fewer runs keep the benchmark short.
            durations = timed(run, max(3, rounds // 4), warmup=1)
            everything += durations
            total = self.Page.objects.live().public().search(text).count()
            queries[name] = milliseconds(durations) | {"total": total}
        return {"update_index_s": round(build, 1), "search_ms": milliseconds(everything), "queries": queries}


def load():
    """The 1-minute load average when a phase ended: above the core count, others shared the CPU."""
    return round(os.getloadavg()[0], 1)


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--backend", nargs="+", default=["database"], choices=["database", "elasticsearch"])
    parser.add_argument("--rounds", type=int, default=20, help="timed runs of each query (after 2 warm-up runs)")
    parser.add_argument("--no-wagtail", action="store_true", help="skip the Wagtail pages (and search_reindex)")
    parser.add_argument(
        "--no-wagtail-search",
        action="store_true",
        help="create the Wagtail pages and time search_reindex over them, but not Wagtail's own search",
    )
    parser.add_argument("--osmem", action="store_true", help="without ELASTICSEARCH_URL, use osmem (code path only)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
    prepare_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            vendor += " " + cursor.fetchone()[0]
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')} | {machine()} | database: {vendor}", flush=True)

    from corpus import Corpus

    corpus = Corpus()
    backends = make_backends(args.backend, args.osmem)
    wagtail = None if args.no_wagtail else WagtailPages()
    items, report = [], {"machine": machine(), "database": vendor, "sizes": {}}
    for size in sorted(args.items):
        start = time.perf_counter()
        new = list(corpus.items(size - len(items), start=len(items)))
        items += new
        print(f"\n## {size} items (corpus made in {time.perf_counter() - start:.0f} s)", flush=True)
        documents = [search_document(item) for item in items]
        results = {}
        for name, backend in backends.items():
            results[name] = bench_backend(backend, documents, args.rounds) | {"load": load()}
            print(f"{name}: {json.dumps(results[name], ensure_ascii=False)}", flush=True)
        if wagtail:
            created_in = wagtail.add(new)
            print(f"pages: {wagtail.created} created ({created_in:.1f} s for the {len(new)} new ones)", flush=True)
            if not args.no_wagtail_search:
                searched = wagtail.bench(args.rounds)
                results["wagtail"] = searched | {"pages_created_s": round(created_in, 1), "load": load()}
                print(f"wagtail: {json.dumps(results['wagtail'], ensure_ascii=False)}", flush=True)
            seconds, indexed = wagtail.reindex()
            results["search_reindex"] = {"reindex_s": round(seconds, 1), "indexed": indexed, "load": load()}
            print(f"search_reindex: {json.dumps(results['search_reindex'])}", flush=True)
        report["sizes"][size] = results
    print("\n" + table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))


def table(report):
    lines = [
        "| items | search | full reindex | search p50 | search p95 | first search of the words p50 / p95 "
        "| autocomplete p50 / p95 | load |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, results in report["sizes"].items():
        for name, result in results.items():
            if name == "search_reindex":
                continue
            build = result.get("rebuild_s", result.get("update_index_s"))
            suggest, first = result.get("suggest_ms"), result.get("first_search_ms")
            lines.append(
                f"| {size:,} | {name} | {build} s | {result['search_ms']['p50']} ms | {result['search_ms']['p95']} ms | "
                + (f"{first['p50']} / {first['p95']} ms |" if first else "same |")
                + (f" {suggest['p50']} / {suggest['p95']} ms |" if suggest else " n/a |")
                + f" {result.get('load', '')} |"
            )
    reindexed = [
        (size, sized["search_reindex"]) for size, sized in report["sizes"].items() if "search_reindex" in sized
    ]
    if reindexed:
        lines += ["", "| items | search_reindex --backend database (pages to index) | items indexed | load |"]
        lines += ["| ---: | ---: | ---: | ---: |"]
        lines += [f"| {size:,} | {r['reindex_s']} s | {r['indexed']:,} | {r['load']} |" for size, r in reindexed]
    lines += ["", "Per query (p50 / p95 ms, hits; then as a first search of its words):", ""]
    names = [q[0] for q in QUERIES]
    for size, results in report["sizes"].items():
        results = {name: result for name, result in results.items() if "queries" in result}
        header = " | ".join(results)
        lines += [f"{size:,} items:", "", f"| query | {header} |", "| --- |" + " ---: |" * len(results)]
        for query in names:
            cells = []
            for result in results.values():
                q = result["queries"].get(query)
                cell = f"{q['p50']} / {q['p95']}" + (f" ({q['total']})" if "total" in q else "") if q else "n/a"
                if q and "first" in q:
                    cell += f"; first {q['first']['p50']} / {q['first']['p95']}"
                cells.append(cell)
            lines.append(f"| {query} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
