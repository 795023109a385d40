"""Fast, isolated settings for the test suite."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
# Not the test client's host ("testserver"), so tests see which links use the configured address.
os.environ.setdefault("SITE_URL", "https://kennisplatform.test")
# The concurrency tests queue 120 writers on one lock on a busy CI machine; they test correctness, and
# the busy page has its own test with a one-second timeout.
os.environ.setdefault("DATABASE_LOCK_TIMEOUT", "120")
os.environ.setdefault("EVENTS_LOCK_TIMEOUT", "120")

from .base import *  # noqa: F403
from .base import IMMEDIATE_TASK_BACKEND, env

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="kennisplatform-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="kennisplatform-test-private-media-")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: threads and the live server then each use their own connection, as in production.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="kennisplatform-test-db-")) / "test.sqlite3")
    }
TASKS = {"default": {"BACKEND": IMMEDIATE_TASK_BACKEND}}
# Every word of a rebuilt test index is common: the PostgreSQL contract tests then read the common words'
# sets after a rebuild and the GIN index for what is indexed after it (both ways give the same results).
SEARCH_COMMON_WORD_ENTRIES = 1
# Tests that exercise rate limits switch them back on explicitly.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Many tests change rows with queryset.update() (no signals) and then read the page; the page cache
# has its own tests, which switch it on.
PAGE_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
# Tests never reach another host: the map draws its markers without background tiles.
MAP_TILE_URL = ""

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Geocoding tests start a local stand-in of the PDOK Locatieserver; everything else stays offline.
GEOCODER_URL = ""

# Search statistics are written at once in tests (tests/search/test_statistics_batching.py turns the batching on).
SEARCH_STATISTICS_FLUSH_SECONDS = 0
