"""A page cache for anonymous visitors, with one site-wide version as its invalidation.

A page is stored only when nothing personal can be in it: a GET without a session or messages cookie,
an anonymous visitor, no cookie set by the response (a CSRF token sets one), no CSRF token in the
HTML and no ``private``/``no-store`` from the view. The key holds the chosen language and whether the
client takes gzip, so the language variants never mix.

Any saved or deleted row of a model that can show on a public page (pages, organisations,
registrations and their seats, themes, menus, settings, the search index ...) raises the version,
which drops every stored page at once; ``PAGE_CACHE_IGNORED_MODELS`` names the bookkeeping that
shows on no page. A simple scheme, and a robust one: no rule has to know which page shows what.

The same responses, and only those, are compressed (BREACH: no secret in a compressed page) and
marked ``public`` for a proxy; other HTML is marked ``private, no-store``.
"""

import hashlib
import logging
import time

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


def current_version():
    version = _cache().get(VERSION_KEY)
    if version is None:
        # Lost (evicted, a new cache): start past anything stored before, never back at an old value.
        version = time.time_ns()
        _cache().add(VERSION_KEY, version, timeout=None)
        version = _cache().get(VERSION_KEY, version)
    return version


def _bump():
    try:
        _cache().incr(VERSION_KEY)
    except ValueError:
        _cache().set(VERSION_KEY, time.time_ns(), timeout=None)


def purge(using=DEFAULT_DB_ALIAS):
    """Drop every stored page: now, and again when the transaction commits.

    Inside a transaction a page rendered meanwhile by another connection still shows the old data,
    so the version is raised once more at commit (once per transaction, however many rows it writes).
    """
    _bump()
    connection = connections[using]
    if connection.in_atomic_block and not any(func is _bump for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_bump, using=using)


def remembered(key, make):
    """A value every visitor sees alike (counts of a public list), kept until the next purge.

    For the costly parts of pages the page cache does not serve: logged-in members, and the first
    visitor after a change. A value made while a change commits goes in under the old version,
    which is never read again.
    """
    if not settings.PAGE_CACHE_SECONDS:
        return make()
    try:
        version = current_version()
        full_key = f"pagecache:part:{version}:{hashlib.sha256(key.encode()).hexdigest()}"
        found = _cache().get(full_key)
    except Exception:
        logger.exception("Page cache unavailable.")
        return make()
    if found is None:
        found = make()
        try:
            _cache().set(full_key, found, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Page cache unavailable.")
    return found


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
    purge(using)


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
    """(the current version, the page stored under ``key`` for that version or None, whether it is fresh), in
    one round trip.

    A page is stored with the version read before it was made; one stored under an older
    version is a page from before a purge, and is not served. A page older than PAGE_CACHE_SECONDS
    is stale: still right (no purge since), but time may have changed it ("open now", past meetings).
    """
    found = _cache().get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return current_version(), None, False
    stored = found.get(key)
    if stored is None or len(stored) != 5 or stored[0] != version:
        return version, None, False
    return version, stored[2:], time.time() - stored[1] < settings.PAGE_CACHE_SECONDS


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
        # The version is read before the page is made: a change committed meanwhile raises it, and
        # this page then goes in under the old version, which is never served.
        try:
            key = _key(request, gzip)
            version, stored, fresh = _lookup(key)
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
        response = self.get_response(request)
        return self._finish(request, response, store=(key, version) if request.method == "GET" else None)

    def _finish(self, request, response, eligible=True, store=None):
        if eligible and _public(request, response):
            response = self.gzip.process_response(request, response)
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_MAX_AGE
            )
            if store:
                key, version = store
                headers = [(name, value) for name, value in response.items() if name != "X-Page-Cache"]
                try:
                    # Kept past PAGE_CACHE_SECONDS for a while, to be served stale while one request refreshes it.
                    _cache().set(
                        key,
                        (version, time.time(), response.status_code, headers, response.content),
                        settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS,
                    )
                    _cache().delete(f"pagecache:refresh:{key}")
                    response.headers["X-Page-Cache"] = "miss"
                except Exception:
                    logger.exception("Page cache unavailable.")
        elif not response.has_header("Cache-Control") and response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, private=True, no_store=True)
        return response
