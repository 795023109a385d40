"""Page benchmark: server time, HTML size and SQL queries per page type on a large site.

    .venv/bin/python bench/pages.py                      # SQLite file in var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisplatform_bench .venv/bin/python bench/pages.py

Loads the demo content, then adds --items library items (stories with themes, target groups, a
municipality, tags and an organisation, from bench/corpus.py), --organisations verified organisations
with a place on the map and --events upcoming meetings. Each page is then requested through Django's
test client (the whole middleware stack, no network): median and 95th percentile of --rounds runs
after warming up, the HTML size, the number of SQL queries, and the time of a page-cache hit for an
anonymous visitor. The database named by DATABASE_URL is DROPPED and recreated (its name must contain
"bench").
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from search_bench import WagtailPages, analyze, load, machine, milliseconds, prepare_database  # noqa: E402

PAGES = [
    ("home", "/"),
    ("library index", "/bibliotheek/"),
    ("library, theme + municipality", "/bibliotheek/?thema=schulden&gemeente=amsterdam"),
    ("a story", None),  # filled in: a story with themes and tags
    ("agenda", "/agenda/"),
    ("a meeting", None),
    ("social map", "/sociale-kaart/"),
    ("social map, filtered", "/sociale-kaart/?soort=informeel"),
    ("social map markers (GeoJSON)", "/sociale-kaart/kaart.geojson"),
    ("an organisation", None),
    ("search, one word", "/zoeken/?q=schulden"),
    ("search, two words and a filter", "/zoeken/?q=armoede+gezinnen&thema=schulden"),
]


def fill(items, organisations, events):
    from corpus import Corpus
    from django.utils.text import slugify
    from taggit.models import Tag

    from core.taxonomy import Municipality, TargetGroup, Theme
    from events.models import EventIndexPage, EventPage
    from library.models import LibraryPage, LibraryPageTag, StoryPage
    from members.models import Organisation

    rnd = random.Random(16)
    corpus = Corpus()
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
    groups = {group.slug: group.pk for group in TargetGroup.objects.all()}
    for slug in corpus_slugs("THEMES"):
        themes.setdefault(slug, Theme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})[0].pk)
    for slug in corpus_slugs("TARGET_GROUPS"):
        groups.setdefault(
            slug, TargetGroup.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})[0].pk
        )
    by_slug = dict(Municipality.objects.values_list("slug", "pk"))

    start = time.perf_counter()
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisatie {n}",
            slug=f"bench-organisatie-{n}",
            kind=rnd.choice(["formeel", "informeel"]),
            status=Organisation.Status.VERIFIED,
            municipality_id=rnd.choice(municipalities),
            latitude=round(rnd.uniform(50.8, 53.4), 6),
            longitude=round(rnd.uniform(3.5, 7.1), 6),
        )
        for n in range(organisations)
    )
    organisation_ids = list(Organisation.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))

    generated = [item for item in corpus.items(items * 3) if item.type in ("story", "guide", "playbook")][:items]
    pages = WagtailPages()
    pages.add(generated)
    ids = dict(StoryPage.objects.filter(slug__startswith="item-").values_list("slug", "pk"))
    theme_rows, group_rows, tag_rows, organisation_rows, by_municipality = [], [], [], [], {}
    tags = {}
    for item in generated:
        pk = ids[f"item-{item.number}"]
        theme_rows += [
            LibraryPage.themes.through(librarypage_id=pk, theme_id=themes[s]) for s in item.themes if s in themes
        ]
        group_rows += [
            LibraryPage.target_groups.through(librarypage_id=pk, targetgroup_id=groups[s])
            for s in item.target_groups
            if s in groups
        ]
        for name in item.tags:
            if name not in tags:
                slug = slugify(name)[:100] or f"tag-{len(tags)}"
                tags[name] = Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0].pk
            tag_rows.append(LibraryPageTag(content_object_id=pk, tag_id=tags[name]))
        organisation_rows.append(
            StoryPage.organisations.through(storypage_id=pk, organisation_id=rnd.choice(organisation_ids))
        )
        municipality = by_slug.get(item.municipalities[0]) if item.municipalities else None
        by_municipality.setdefault(municipality or rnd.choice(municipalities), []).append(pk)
    LibraryPage.themes.through.objects.bulk_create(theme_rows, batch_size=1000)
    LibraryPage.target_groups.through.objects.bulk_create(group_rows, batch_size=1000)
    LibraryPageTag.objects.bulk_create(tag_rows, batch_size=1000)
    StoryPage.organisations.through.objects.bulk_create(organisation_rows, batch_size=1000)
    for municipality, page_ids in by_municipality.items():
        LibraryPage.objects.filter(pk__in=page_ids).update(municipality_id=municipality)

    agenda = EventIndexPage.objects.get()
    today = datetime.datetime.now(datetime.UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    for n in range(events):
        begins = today + datetime.timedelta(days=1 + n % 365)
        event = EventPage(
            title=f"Bijeenkomst {n}",
            slug=f"bench-bijeenkomst-{n}",
            summary="Elkaar leren kennen.",
            start=begins,
            end=begins + datetime.timedelta(hours=2),
            venue_name="Buurthuis",
            venue_address="Dorpsstraat 1",
            capacity=40,
            municipality_id=rnd.choice(municipalities),
        )
        agenda.add_child(instance=event)
    return time.perf_counter() - start


def corpus_slugs(name):
    import corpus

    return list(getattr(corpus, name))


def measure(rounds):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from events.models import EventPage
    from library.models import StoryPage
    from members.models import Organisation

    story = (
        StoryPage.objects.live()
        .filter(slug__startswith="item-", themes__isnull=False, tagged_items__isnull=False)
        .first()
    )
    urls = dict(PAGES)
    urls["a story"] = story.url
    urls["a meeting"] = EventPage.objects.live().order_by("start").first().url
    urls["an organisation"] = Organisation.objects.filter(slug__startswith="bench-").first().get_absolute_url()
    client = Client()
    rows = []
    for name, _url in PAGES:
        url = urls[name]
        with override_settings(PAGE_CACHE_SECONDS=0):
            for _ in range(2):
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            captured = []
            with connection.execute_wrapper(
                lambda execute, sql, *rest, captured=captured: captured.append(sql) or execute(sql, *rest)
            ):
                client.get(url)
            durations = []
            for _ in range(rounds):
                began = time.perf_counter()
                client.get(url)
                durations.append(time.perf_counter() - began)
        with override_settings(PAGE_CACHE_SECONDS=300):
            # A visitor the page cache does not serve (a member: here a session cookie), with the
            # counts kept since the last change (core.pagecache.remembered).
            member = Client()
            member.cookies[settings.SESSION_COOKIE_NAME] = "bench"
            member.get(url)
            kept = []
            for _ in range(rounds):
                began = time.perf_counter()
                member.get(url)
                kept.append(time.perf_counter() - began)
            client.get(url)
            hits = []
            for _ in range(rounds):
                began = time.perf_counter()
                hit = client.get(url)
                hits.append(time.perf_counter() - began)
            assert hit.get("X-Page-Cache") == "hit", url
        rows.append(
            {
                "page": name,
                "url": url,
                "kB": round(len(response.content) / 1024, 1),
                "queries": len(captured),
                **milliseconds(durations),
                "kept_ms": milliseconds(kept),
                "hit_ms": milliseconds(hits)["p50"],
            }
        )
    return rows


def table(rows):
    lines = [
        "| page | server time p50 / p95 (ms) | with counts kept p50 / p95 (ms) | cached hit (ms) | HTML (kB) | queries |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        kept = row["kept_ms"]
        lines.append(
            f"| {row['page']} | {row['p50']} / {row['p95']} | {kept['p50']} / {kept['p95']} | {row['hit_ms']} "
            f"| {row['kB']} | {row['queries']} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    prepare_database(os.environ.get("DATABASE_URL"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kennisplatform.settings.test"
    import django
    from django.core.management import call_command

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client, ALLOWED_HOSTS "testserver"
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("migrate", verbosity=0, **quiet)
    call_command("load_demo_content", force=True, **quiet)
    print(
        f"demo loaded; filling {args.items} items, {args.organisations} organisations, {args.events} events", flush=True
    )
    seconds = fill(args.items, args.organisations, args.events)
    analyze()
    print(f"filled in {seconds:.0f} s; measuring ({args.rounds} rounds per page)", flush=True)
    rows = measure(args.rounds)
    print(f"\n{machine()}; load average {load()}; database {os.environ['DATABASE_URL'].split(':', 1)[0]}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
