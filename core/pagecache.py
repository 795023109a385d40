"""A page cache for anonymous visitors, with a site-wide version as its invalidation.

A page is stored only when nothing personal can be in it: a GET without a session or messages cookie,
an anonymous visitor, no cookie set by the response (a CSRF token sets one), no CSRF token in the
HTML and no ``private``/``no-store`` from the view. The key holds the chosen language and whether the
client takes gzip, so the language variants never mix.

Any saved or deleted row of a model that can show on a public page (pages, organisations, themes,
menus, settings, ...) raises the version,
which drops every stored page at once; ``PAGE_CACHE_IGNORED_MODELS`` names the bookkeeping that
shows on no page. A simple scheme, and a robust one: no rule has to know which page shows what.

One exception, for the writes that come often: an app may put a model in a *scope* of its own
(``register_scope("seats", Registration)`` from events, as a registration comes every few seconds
on a busy day). A write of it raises only that scope's version, and only pages that read its table
are dropped: while a page is made, its SQL is watched, and a page whose queries named the table
is stored with the scope's version and served only while that version holds. Again no rule on
which page shows what: the database says which pages read the table.

The same responses, and only those, are compressed (BREACH: no secret in a compressed page) and
marked ``public`` for a proxy; other HTML is marked ``private, no-store``.
"""

import contextvars
import hashlib
import logging
import time
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_cache_control
from wagtail.signals import page_published, page_unpublished, post_page_move

from .locale import chosen_language

logger = logging.getLogger(__name__)
VERSION_KEY = "pagecache:version"
# Sent for every page served from the cache, with ``request`` and the stored ``headers`` (a dict): an app
# that counts what its view would have counted (search statistics) receives it from AppConfig.ready().
page_served_from_cache = Signal()
CSRF_FIELD = b'name="csrfmiddlewaretoken"'


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# scope name -> the database tables whose writes raise only that scope's version, filled by the apps'
# AppConfig.ready() through register_scope().
_scope_tables = {}
# The scopes whose tables the queries of the page being made read (None: nothing is watching).
_read_scopes = contextvars.ContextVar("pagecache_read_scopes", default=None)


def register_scope(name, *models):
    """Writes of ``models`` drop only the stored pages that read their tables (see the module's docstring)."""
    _scope_tables.setdefault(name, set()).update(model._meta.db_table for model in models)


def _scope_key(name):
    return f"{VERSION_KEY}:{name}"


def _scope_of(model):
    table = model._meta.db_table
    return next((name for name, tables in _scope_tables.items() if table in tables), None)


def version_keys():
    """The cache keys of the site-wide version and of every scope's."""
    return [VERSION_KEY, *(_scope_key(name) for name in sorted(_scope_tables))]


def current_version(key=VERSION_KEY):
    version = _cache().get(key)
    if version is None:
        # Lost (evicted, a new cache): start past anything stored before, never back at an old value.
        version = time.time_ns()
        _cache().add(key, version, timeout=None)
        version = _cache().get(key, version)
    return version


def _versions(keys, found):
    """The versions under ``keys`` from a get_many's answer ``found``, read anew where one is missing."""
    return {key: found[key] if found.get(key) is not None else current_version(key) for key in keys}


def _made_under(versions, scopes):
    """What a page or part made now depends on: the site-wide version and those of the scopes it read."""
    return {VERSION_KEY: versions[VERSION_KEY], **{_scope_key(name): versions[_scope_key(name)] for name in scopes}}


def _bump(key):
    try:
        _cache().incr(key)
    except ValueError:
        _cache().set(key, time.time_ns(), timeout=None)


_bumpers = {}


def _bumper(key):
    """One function per version key, so that a transaction queues each key's raise at commit only once."""
    if key not in _bumpers:
        _bumpers[key] = lambda: _bump(key)
    return _bumpers[key]


def purge(using=DEFAULT_DB_ALIAS, scope=None):
    """Drop every stored page (or, with ``scope``, every page that read its tables): now, and again when the
    transaction commits.

    Inside a transaction a page rendered meanwhile by another connection still shows the old data,
    so the version is raised once more at commit (once per transaction, however many rows it writes).
    """
    bump = _bumper(VERSION_KEY if scope is None else _scope_key(scope))
    bump()
    connection = connections[using]
    if connection.in_atomic_block and not any(func is bump for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(bump, using=using)


def _note_reads(execute, sql, params, many, context):
    """Execute wrapper: note the scopes whose tables this query names."""
    scopes = _read_scopes.get()
    if scopes is not None and isinstance(sql, str):
        scopes.update(name for name, tables in _scope_tables.items() if any(table in sql for table in tables))
    return execute(sql, params, many, context)


@contextmanager
def _watching_reads(using=DEFAULT_DB_ALIAS):
    """Collect in the yielded set the scopes that queries in this block read (also those of remembered parts)."""
    scopes = set()
    token = _read_scopes.set(scopes)
    try:
        if _scope_tables:
            with connections[using].execute_wrapper(_note_reads):
                yield scopes
        else:
            yield scopes
    finally:
        _read_scopes.reset(token)
        outer = _read_scopes.get()
        if outer is not None:
            outer.update(scopes)


def _valid(made_under, versions):
    """Do the versions a page or part was made under all still hold? (Anything else stored there, such
    as an entry of an older release, does not.)"""
    return isinstance(made_under, dict) and all(versions.get(key) == value for key, value in made_under.items())


def remembered(key, make):
    """A value every visitor sees alike (counts of a public list), kept until the next purge.

    For the costly parts of pages the page cache does not serve: logged-in members, and the first
    visitor after a change. A value made while a change commits goes in under the old versions,
    which are never read again. A page that uses a kept value depends on the scopes it read.
    """
    if not settings.PAGE_CACHE_SECONDS:
        return make()
    full_key = f"pagecache:part:{hashlib.sha256(key.encode()).hexdigest()}"
    keys = version_keys()
    try:
        found = _cache().get_many([*keys, full_key])
        versions = _versions(keys, found)
    except Exception:
        logger.exception("Page cache unavailable.")
        return make()
    stored = found.get(full_key)
    if stored is not None and len(stored) == 3 and _valid(stored[0], versions):
        outer = _read_scopes.get()
        if outer is not None:
            outer.update(stored[1])
        return stored[2]
    with _watching_reads() as scopes:
        value = make()
    try:
        _cache().set(full_key, (_made_under(versions, scopes), sorted(scopes), value), settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Page cache unavailable.")
    return value


def _ignored(sender):
    meta = getattr(sender, "_meta", None)
    return (
        meta is None
        # Migrations write through historical models and record themselves, before the cache table exists.
        or sender.__module__ == "__fake__"
        or meta.app_label == "migrations"
        or meta.label_lower in settings.PAGE_CACHE_IGNORED_MODELS
        or (meta.app_label in settings.PAGE_CACHE_IGNORED_APPS)
    )


def purge_on_write(sender, using=DEFAULT_DB_ALIAS, raw=False, update_fields=None, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model."""
    if raw or _ignored(sender):
        return
    if update_fields and set(update_fields) <= {"last_login"}:
        return  # a login shows on no public page
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    purge(using, scope=_scope_of(sender))


def _purge_page_change(sender, **kwargs):
    purge()


def connect_signals():
    """Purge on every write of a model that may show on a page, and on Wagtail's page events.

    post_delete is connected per model: a receiver for all senders would stop Django's fast bulk
    deletes of the ignored bookkeeping tables.
    """
    post_save.connect(purge_on_write, dispatch_uid="core.pagecache.save")
    m2m_changed.connect(purge_on_write, dispatch_uid="core.pagecache.m2m")
    for model in apps.get_models():
        if not _ignored(model):
            post_delete.connect(
                purge_on_write, sender=model, dispatch_uid=f"core.pagecache.delete.{model._meta.label_lower}"
            )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_purge_page_change, dispatch_uid=f"core.pagecache.{id(signal)}")


def _eligible(request):
    """May this request be answered from, or stored in, the cache?"""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return False
    excluded = (*settings.PAGE_CACHE_EXCLUDED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
    if request.path_info.startswith(tuple(prefix for prefix in excluded if prefix)):
        return False
    # Every other cookie (session, messages) may make the page personal.
    return set(request.COOKIES) <= {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def _public(request, response):
    """Nothing personal and no secret in this response."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.streaming or response.cookies or response.status_code != 200:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return CSRF_FIELD not in response.content


def _key(request, gzip):
    language = chosen_language(request)
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"pagecache:{language}:{'gz' if gzip else 'id'}:{digest}"


def _lookup(key):
    """(the current versions, the page stored under ``key`` for them or None, whether it is fresh), in one
    round trip.

    A page is stored with the versions read before it was made: the site-wide one and those of the
    scopes it read. One stored under an older version is a page from before a purge, and is not
    served. A page older than PAGE_CACHE_SECONDS is stale: still right (no purge since), but time
    may have changed it ("open now", past meetings).
    """
    keys = version_keys()
    found = _cache().get_many([*keys, key])
    versions = _versions(keys, found)
    stored = found.get(key)
    if stored is None or len(stored) != 5 or not _valid(stored[0], versions):
        return versions, None, False
    return versions, stored[2:], time.time() - stored[1] < settings.PAGE_CACHE_SECONDS


def _refresh_claimed(key):
    """Whether this request makes the stale page anew: the first to ask does, for a while; the others serve the
    stale page meanwhile, so an expensive page is never made by every thread at once when it ages."""
    return _cache().add(f"pagecache:refresh:{key}", 1, timeout=settings.PAGE_CACHE_REFRESH_SECONDS)


class PageCacheMiddleware:
    """Serve anonymous visitors stored pages; compress and store what is public."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request):
        if not _eligible(request):
            return self._finish(request, self.get_response(request), eligible=False)
        if not settings.PAGE_CACHE_SECONDS:
            return self._finish(request, self.get_response(request))
        gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        # The versions are read before the page is made: a change committed meanwhile raises one, and
        # this page then goes in under the old one, which is never served.
        try:
            key = _key(request, gzip)
            versions, stored, fresh = _lookup(key)
            if stored is not None and not fresh and _refresh_claimed(key):
                stored = None  # this request makes the page anew; the others serve the stale one meanwhile
        except Exception:
            logger.exception("Page cache unavailable.")
            return self._finish(request, self.get_response(request))
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit" if fresh else "stale"
            page_served_from_cache.send(sender=PageCacheMiddleware, request=request, headers=dict(headers))
            return response
        if request.method != "GET":
            return self._finish(request, self.get_response(request))
        with _watching_reads() as scopes:
            response = self.get_response(request)
        return self._finish(request, response, store=(key, _made_under(versions, scopes)))

    def _finish(self, request, response, eligible=True, store=None):
        if eligible and _public(request, response):
            response = self.gzip.process_response(request, response)
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_MAX_AGE
            )
            if store:
                key, made_under = store
                headers = [(name, value) for name, value in response.items() if name != "X-Page-Cache"]
                try:
                    # Kept past PAGE_CACHE_SECONDS for a while, to be served stale while one request refreshes it.
                    _cache().set(
                        key,
                        (made_under, time.time(), response.status_code, headers, response.content),
                        settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS,
                    )
                    _cache().delete(f"pagecache:refresh:{key}")
                    response.headers["X-Page-Cache"] = "miss"
                except Exception:
                    logger.exception("Page cache unavailable.")
        elif not response.has_header("Cache-Control") and response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, private=True, no_store=True)
        return response
