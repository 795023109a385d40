"""Load benchmark: the large site on PostgreSQL, served by gunicorn with the production settings,
driven by wrk from a second process.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/kennisplatform_bench

Fills the database (it must be a PostgreSQL database whose name contains "bench"; it is dropped and
made again) with the demo content plus 10,000 library items, 1,000 meetings and 2,000 organisations
(bench/corpus.py), starts gunicorn on 127.0.0.1 only behind Debian's nginx with the proxy settings
of deploy/nginx.conf (--no-proxy: wrk talks to gunicorn itself), and for each page type and each
number of concurrent users runs wrk for a bounded time: anonymous page views, searches, filtered lists and
logged-in registrations, and a bare Django view through the same stack (the floor). Prints a
Markdown table: req/s, p50/p95/p99, errors (connection, timeout, HTTP status >= 400) and the share
of the floor's req/s. Needs Debian's wrk and nginx-light.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import MUNICIPALITIES, Corpus  # noqa: E402
from search_bench import WagtailPages, analyze, load, machine, prepare_database  # noqa: E402

PASSWORD = "bench-wachtwoord-2026"
NGINX = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
SEARCHES = ["schulden", "voedselbank", "armoede gezinnen", "vrijwilligers moskee", "energierekening", "huurachterstand"]
FILTERS = [
    "thema=schulden",
    "thema=armoede&soort=praktijkverhaal",
    "gemeente=amsterdam",
    "jaar=2025",
    "thema=geldzorgen&jaar=2024",
]

WRK_SCRIPT = """
local requests = %(requests)s
local counter = 0
local thread_number = 0
local threads = {}
function setup(thread)
  thread:set("id", thread_number)
  thread_number = thread_number + 1
  table.insert(threads, thread)
end
function init(args)
  counter = id + %(offset)d
end
function request()
  local r = requests[(counter %% #requests) + 1]
  counter = counter + %(threads)d
  local headers = {}
  for name, value in pairs(r.headers or {}) do headers[name] = value end
  headers["X-Real-IP"] = string.format("10.%%d.%%d.%%d", counter %% 250, math.floor(counter / 250) %% 250, id + 1)
  return wrk.format(r.method, r.path, headers, r.body)
end
%(trace)s
function done(summary, latency, requests)
  local hits, misses, seconds = 0, 0, ""
  for _, thread in ipairs(threads) do
    hits = hits + (thread:get("hits") or 0)
    misses = misses + (thread:get("misses") or 0)
    seconds = seconds .. (thread:get("miss_seconds") or "")
  end
  local out = io.open("%(out)s", "w")
  out:write(string.format('{"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d, "hits": %%d, "misses": %%d, "miss_seconds": "%%s"}',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, hits, misses, seconds))
  out:close()
end
"""
# With --trace-cache: count page-cache hits and misses (the X-Page-Cache header), and the seconds (Unix time) in
# which misses came. Reading each response's headers costs wrk some speed, so it is off by default.
TRACE_SCRIPT = """
hits, misses, miss_seconds = 0, 0, ""
local last_second = 0
function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then
    hits = hits + 1
  elseif state == "miss" then
    misses = misses + 1
    local now = os.time()
    if now ~= last_second then
      miss_seconds = miss_seconds .. now .. " "
      last_second = now
    end
  end
end
"""


def production_environment(work, database_url):
    return {
        "DJANGO_SETTINGS_MODULE": "kennisplatform.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SITE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        # Sending mail is the SMTP relay's cost, not the site's.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "ELASTICSEARCH_URL": "",
        # No outside geocoder: the demo's addresses are placed by the offline fallback.
        "GEOCODER_URL": "",
        # wrk plays many visitors behind one proxy: each request names its client in X-Real-IP.
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP",
        "LOG_LEVEL": "WARNING",
    }


def bulk_events(agenda, count, rnd):
    """Meetings as live EventPages under the agenda, written in bulk like WagtailPages.add."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from core.taxonomy import Municipality
    from events.models import EventPage

    parent = Page.objects.get(pk=agenda.pk)
    content_type = ContentType.objects.get_for_model(EventPage)
    first_id = Page.objects.order_by("-id").values_list("id", flat=True).first() + 1
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    now = timezone.now()
    corpus = Corpus(seed=7)
    events = []
    for offset in range(count):
        item = corpus.item(100_000 + offset)
        start = now + datetime.timedelta(days=rnd.randint(-200, 300), hours=rnd.randint(0, 12))
        slug = f"bijeenkomst-{offset}"
        event = EventPage(
            title=item.title,
            draft_title=item.title,
            slug=slug,
            summary=item.summary,
            start=start,
            end=start + datetime.timedelta(hours=2),
            venue_name="Buurthuis",
            venue_address="Dorpsstraat 1",
            capacity=1000,
            municipality_id=rnd.choice(municipalities),
            path=Page._get_path(parent.path, parent.depth + 1, parent.numchild + offset + 1),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            content_type=content_type,
            locale_id=parent.locale_id,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        event.id = event.page_ptr_id = first_id + offset
        events.append(event)
    with transaction.atomic():
        for model in (Page, EventPage):
            model._base_manager._insert(events, fields=model._meta.local_concrete_fields)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
        reset_sequences(Page)
    return events


def reset_sequences(*models):
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def fill(items, events, organisations, members):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core.management import call_command

    from core.taxonomy import Municipality, Theme
    from events.models import EventIndexPage
    from library.models import StoryPage
    from members.models import Organisation

    rnd = random.Random(2026)
    devnull = open(os.devnull, "w")
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    call_command("load_demo_content", force=True, stdout=devnull)
    municipalities = list(Municipality.objects.all())
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisatie {n} {rnd.choice(MUNICIPALITIES)}",
                slug=f"bench-organisatie-{n}",
                kind=rnd.choice(["formeel", "informeel"]),
                status=Organisation.Status.VERIFIED,
                municipality=rnd.choice(municipalities),
                latitude=round(rnd.uniform(51.0, 53.3), 6),
                longitude=round(rnd.uniform(3.6, 7.1), 6),
                description="Hulp bij geldzorgen en schulden.",
            )
            for n in range(organisations)
        ],
        batch_size=500,
    )
    pages = WagtailPages()
    pages.add(Corpus().items(items))
    themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    story_ids = list(StoryPage.objects.filter(slug__startswith="item-").order_by("pk").values_list("pk", flat=True))
    links_theme, links_organisation = StoryPage.themes.through, StoryPage.organisations.through
    corpus = Corpus()
    theme_rows, organisation_rows = [], []
    for pk, item in zip(story_ids, corpus.items(items), strict=False):
        theme_rows += [links_theme(librarypage_id=pk, theme_id=themes[slug]) for slug in item.themes if slug in themes]
        organisation_rows.append(links_organisation(storypage_id=pk, organisation_id=rnd.choice(organisation_ids)))
    links_theme.objects.bulk_create(theme_rows, batch_size=2000)
    links_organisation.objects.bulk_create(organisation_rows, batch_size=2000)
    bulk_events(EventIndexPage.objects.get(), events, rnd)
    call_command("search_reindex", stdout=devnull, stderr=devnull)
    # Members for the logged-in registrations; a cheap hash, since logging in is not what is measured.
    User = get_user_model()
    password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    User.objects.bulk_create(
        [User(email=f"bench{n}@voorbeeld.nl", password=password) for n in range(members)], batch_size=500
    )
    users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=500
    )
    return users


def sessions(users):
    """A logged-in session and a CSRF secret for each member, as a login through the site leaves them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    result = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["account_authentication_methods"] = [{"method": "password", "at": time.time(), "email": user.email}]
        session.create()
        result.append((session.session_key, secrets.token_hex(16)))
    return result


def lua_value(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua_value(k)}] = {lua_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    return json.dumps(value)


def page_types(member_sessions):
    from events.models import EventPage
    from library.models import LibraryIndexPage, StoryPage

    library = LibraryIndexPage.objects.get().url
    stories = [page.url for page in StoryPage.objects.live().filter(slug__startswith="item-").order_by("?")[:200]]
    upcoming = list(
        EventPage.objects.live().filter(start__gt=datetime.datetime.now(datetime.UTC), slug__startswith="bijeenkomst-")
    )
    registrations = []
    for index in range(len(member_sessions) * 4):
        key, token = member_sessions[index % len(member_sessions)]
        event = upcoming[index // len(member_sessions)]
        registrations.append(
            {
                "method": "POST",
                "path": event.url + "aanmelden/",
                "body": f"csrfmiddlewaretoken={token}",
                "headers": {
                    "Cookie": f"sessionid={key}; csrftoken={token}",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": "http://127.0.0.1" + event.url,
                },
            }
        )
    # As browsers ask: compressed (the page cache keeps the gzipped page apart).
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    get = lambda paths: [{"method": "GET", "path": path, "headers": browser} for path in paths]  # noqa: E731
    return {
        "bare Django view (the floor)": get(["/admin/login/"]),
        "home": get(["/"]),
        "library index": get([library]),
        "library, filtered": get([f"{library}?{query}" for query in FILTERS]),
        "a story": get(stories),
        "agenda": get([EventPage.objects.first().get_parent().url]),
        "social map": get(["/sociale-kaart/"]),
        "search": get([f"/zoeken/?q={word.replace(' ', '+')}" for word in SEARCHES]),
        "registration (logged in)": registrations,
    }


def proxy(port, app_port, work):
    """nginx on ``port`` in front of the app server, with the ``location /`` of deploy/nginx.conf.

    In front of gunicorn as in production: nginx hands each request to an idle connection of its
    pool, so a busy worker gets fewer. wrk's own connections, each held by the worker that accepted
    it, would leave the split between the workers to chance. One change: the client's address is
    the one wrk names in X-Real-IP (many visitors), not the proxy's own peer (wrk alone).
    """
    deployed = (ROOT / "deploy/nginx.conf").read_text()
    location = re.search(r"^    location / \{\n.*?^    \}\n", deployed, re.DOTALL | re.MULTILINE).group(0)
    location = location.replace("X-Real-IP $remote_addr", "X-Real-IP $http_x_real_ip")
    temp = work / "nginx"
    temp.mkdir(exist_ok=True)
    # Started as root, nginx's workers run as nobody: they write their buffers here.
    work.chmod(0o755)
    temp.chmod(0o777)
    config = work / "nginx.conf"
    config.write_text(
        f"""worker_processes auto;
pid {temp}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    upstream kennisplatform {{
        server 127.0.0.1:{app_port};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
{location}    }}
}}
"""
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(temp), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(work / "nginx-error.log").open("a"),
    )
    for _ in range(50):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=5).connect()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit(f"nginx did not start: see {work}/nginx-error.log")


def serve(environment, port, workers, log, keep_alive=2):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "kennisplatform.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--backlog",
        "64",
        "--timeout",
        "30",
        "--keep-alive",
        str(keep_alive),
        "--no-control-socket",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **environment}, stdout=log, stderr=subprocess.STDOUT
    )
    for _ in range(180):  # until a worker answers (gunicorn listens before its workers have loaded Django)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/admin/login/")
            connection.getresponse().read()
            connection.close()
            return process
        except OSError:
            time.sleep(1)
    process.kill()
    sys.exit("gunicorn did not start")


def drive(port, requests, users, seconds, work, offset=0, trace=False):
    out = work / "wrk.json"
    threads = min(2, users)
    script = work / "bench.lua"
    script.write_text(
        WRK_SCRIPT
        % {
            "requests": lua_value(requests),
            "threads": threads,
            "out": out,
            "offset": offset,
            "trace": TRACE_SCRIPT if trace else "",
        }
    )
    subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(users),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text())
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = result["connect"] + result["read"] + result["write"] + result["status"]
    return result


class VersionWatch:
    """Notes each moment the page cache's site-wide version changes (a purge of every page) and counts the
    raises of the scopes' versions (a purge of the pages that read a scope's table, such as the seats),
    polling the shared cache in a thread."""

    def __init__(self, interval=0.2):
        import threading

        from django.conf import settings
        from django.core.cache import caches

        from core.pagecache import VERSION_KEY, version_keys

        self.cache, self.interval = caches[settings.PAGE_CACHE_ALIAS], interval
        self.key, self.scope_keys = VERSION_KEY, [key for key in version_keys() if key != VERSION_KEY]
        self.changes, self.scope_changes, self.stopped = [], [], threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        keys = [self.key, *self.scope_keys]
        last = self.cache.get_many(keys)
        while not self.stopped.wait(self.interval):
            versions = self.cache.get_many(keys)
            if versions.get(self.key) != last.get(self.key):
                self.changes.append(time.time())
            if any(versions.get(key) != last.get(key) for key in self.scope_keys):
                self.scope_changes.append(time.time())
            last = versions

    def between(self, start, end, scopes=False):
        return [
            round(moment - start, 1)
            for moment in (self.scope_changes if scopes else self.changes)
            if start <= moment <= end
        ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="PostgreSQL; the database name must contain 'bench'")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50], help="concurrent connections")
    parser.add_argument("--seconds", type=int, default=10, help="per page type and number of users")
    parser.add_argument(
        "--trace-cache",
        action="store_true",
        help="per row, count page-cache hits and misses, the seconds with misses and the purges (slows wrk a little)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (4 threads each)")
    parser.add_argument("--members", type=int, default=2_000, help="logged-in members who register (4 meetings each)")
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument(
        "--keep-alive",
        type=int,
        nargs="+",
        default=[2],
        help="gunicorn --keep-alive seconds; several: the rows once per value, on the same data "
        "(0: one request per connection)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="run each row this many times (to see the spread)")
    parser.add_argument(
        "--proxy",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="nginx in front of gunicorn, as deployed (--no-proxy: wrk talks to gunicorn itself)",
    )
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The load benchmark runs on PostgreSQL.")
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    if args.proxy and NGINX is None:
        sys.exit("nginx is needed (or --no-proxy): apt-get install nginx-light")

    work = Path(tempfile.mkdtemp(prefix="kennisplatform-load-"))
    environment = production_environment(work, prepare_database(args.database_url))
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    users = fill(args.items, args.events, args.organisations, members=args.members)
    analyze()
    call_command("collectstatic", interactive=False, verbosity=0)
    member_sessions = sessions(users)
    types = page_types(member_sessions)
    print(f"filled in {time.perf_counter() - started:.0f} s; load {load()}", file=sys.stderr)

    log = (work / "gunicorn.log").open("w")
    versions = VersionWatch() if args.trace_cache else None
    sent = dict.fromkeys(types, 0)  # each run goes on where the last stopped: no registration twice
    for keep_alive in args.keep_alive:
        server = serve(environment, args.port + 1 if args.proxy else args.port, args.workers, log, keep_alive)
        front = proxy(args.port, args.port + 1, work) if args.proxy else None
        try:
            rows = run_rows(args, types, work, sent, versions)
        finally:
            if front is not None:
                front.terminate()
                front.wait(30)
            server.terminate()
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
        print(
            f"\n{machine()}; {'nginx (deploy/nginx.conf) in front of ' if args.proxy else ''}"
            f"gunicorn --workers {args.workers} --threads 4 --backlog 64 --timeout 30 --keep-alive {keep_alive}; "
            f"cache {'Redis (REDIS_URL)' if os.environ.get('REDIS_URL') else 'in the database (no REDIS_URL)'}; "
            f"{args.items} library items, {args.events} meetings, {args.organisations} organisations; "
            f"{args.seconds} s per row; {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC\n"
        )
        print("| users | page | req/s | p50 ms | p95 ms | p99 ms | errors | timeouts | share of the floor | load |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for users, name, r, floor, machine_load in rows:
            share = f"{r['rps'] / floor:.2f}" if floor else "–"
            print(
                f"| {users} | {name} | {r['rps']:.1f} | {r['p50'] / 1000:.0f} | {r['p95'] / 1000:.0f} "
                f"| {r['p99'] / 1000:.0f} | {r['errors']} | {r['timeout']} | {share} | {machine_load} |",
                flush=True,
            )


def run_rows(args, types, work, sent, versions):
    """Warm up, then each page type at each number of users: [(users, page, wrk result, floor req/s, load)]."""
    rows = []
    # Warm-up: one pass over every page type; then once more over the pages a visitor reads, because
    # the warm-up registrations dropped the pages that show seats.
    for name, requests in [*types.items(), *((n, r) for n, r in types.items() if r[0]["method"] == "GET")]:
        sent[name] += drive(args.port, requests, 2, 2, work)["requests"] + 2
    for users in args.users:
        floor = None
        for name, requests in [item for item in types.items() for _ in range(args.repeat)]:
            row_started = time.time()
            result = drive(args.port, requests, users, args.seconds, work, offset=sent[name], trace=bool(versions))
            sent[name] += result["requests"] + 2
            if versions is not None:
                miss_seconds = sorted({int(moment) - int(row_started) for moment in result["miss_seconds"].split()})
                print(
                    f"    page cache: {result['hits']} hits, {result['misses']} misses in seconds {miss_seconds}; "
                    f"purges at {versions.between(row_started, time.time())} s, "
                    f"{len(versions.between(row_started, time.time(), scopes=True))} polls saw the seats change",
                    file=sys.stderr,
                )
            floor = floor or result["rps"]
            rows.append((users, name, result, floor, load()))
            print(
                f"{users:>3} {name}: {result['rps']:.1f} req/s, errors {result['errors']}, "
                f"timeouts {result['timeout']}, load {load()}",
                file=sys.stderr,
            )
    return rows


if __name__ == "__main__":
    main()
