"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see
`.env.example`); the dev, test and production modules only change defaults.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "kennisplatform"
VAR_DIR = BASE_DIR / "var"


# A local .env file fills in what the real environment does not set (real variables win).
load_dotenv(BASE_DIR / ".env", override=False)


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(os.environ.get(name, default))


def public_address(value):
    """SITE_URL checked: scheme and host only (no path), so every absolute link can start with it."""
    from urllib.parse import urlsplit

    from django.core.exceptions import ImproperlyConfigured

    value = (value or "").strip().rstrip("/")
    bits = urlsplit(value)
    if bits.scheme not in ("http", "https") or not bits.hostname or bits.path or bits.query or bits.fragment:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's public address, scheme and host only, e.g. "
            f"https://kennisplatform.example.nl (got {value!r})."
        )
    return value


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
# The one public address of the site: every absolute link (emails, feeds, sitemap, calendar
# files, print views) starts with it, whatever host a request came in on. `./dev run` sets it.
SITE_URL = public_address(env("SITE_URL", "http://127.0.0.1:8000"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

try:
    from django.tasks import task_backends  # noqa: F401  (Django 6 ships the tasks API)

    TASKS_APP = []
    IMMEDIATE_TASK_BACKEND = "django.tasks.backends.immediate.ImmediateBackend"
except ImportError:
    TASKS_APP = ["django_tasks"]
    IMMEDIATE_TASK_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"

INSTALLED_APPS = [
    "core",
    "home",
    "library",
    "events",
    "corrections",
    "members",
    "search",
    "follows",
    "notifications",
    "newsletters",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    *TASKS_APP,
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django.forms",
]

MIDDLEWARE = [
    "core.middleware.LoadSheddingMiddleware",
    # A stored page keeps the headers the middleware below gave it: a hit runs no other middleware.
    "core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.DatabaseBusyMiddleware",
    "core.middleware.MethodNotAllowedPageMiddleware",
]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

ROOT_URLCONF = "kennisplatform.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.bell",
            ],
        },
    },
]

FORM_RENDERER = "core.forms.FormRenderer"

WSGI_APPLICATION = "kennisplatform.wsgi.application"

if not env("DATABASE_URL"):
    # The default SQLite file lives in the git-ignored var/ folder.
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # A new connection per request costs more than many a page; a dropped one is noticed first.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How long a request waits for another one's lock (a seat decision) before it gets the Dutch "busy" page.
DATABASE_LOCK_TIMEOUT = env_int("DATABASE_LOCK_TIMEOUT", 20)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A threaded server writes from many connections: every transaction takes the write lock at BEGIN
    # (a deferred one that starts reading and then writes cannot wait for the lock and fails at once),
    # a writer waits up to the busy timeout, and WAL lets readers go on while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_LOCK_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}".strip()

# One cache shared by every app process and server: Redis when REDIS_URL is set, otherwise the
# database cache (no other service to run). Sessions, allauth's rate limits (core/ratelimits.py) and
# the page cache live in it, so each holds across servers.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites may share one Redis.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "kennisplatform"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kennisplatform_cache",
        }
    }
# Sessions are read from the shared cache and written through to the database, so a login survives
# a cache restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The page cache for anonymous visitors (core/pagecache.py): seconds a page is kept (0 switches it
# off), the max-age a browser or proxy gets, and the writes that show on no page (they purge nothing).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# After PAGE_CACHE_SECONDS a page is made anew by one request, while the others get the stored page for up to
# PAGE_CACHE_STALE_SECONDS more (never after a purge: then the content changed); the one making it has
# PAGE_CACHE_REFRESH_SECONDS before another request may try.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 120)
PAGE_CACHE_REFRESH_SECONDS = env_int("PAGE_CACHE_REFRESH_SECONDS", 30)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/django-admin/"]
PAGE_CACHE_IGNORED_APPS = {"sessions", "admin", "account", "mfa", "django_tasks", "django_tasks_db", "contenttypes"}
PAGE_CACHE_IGNORED_MODELS = {
    "search.querystat",
    # The search index follows the pages, whose writes purge already.
    "search.searchentry",
    "search.searchfacetvalue",
    "search.searchterm",
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailadmin.editingsession",
}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "members.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: the email address is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = env("ACCOUNT_EMAIL_SUBJECT_PREFIX", "[Kennisplatform] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# allauth's default limits (login failures, signups, password resets,
# confirmation emails, login codes) stay on; they live in the shared cache.
# The site's own public forms use the same limiter (core/ratelimits.py): "amount/period/ip" counts per
# client address, "/key" per email address the form writes to (or per member).
# Reporters' addresses on error reports are erased when a report closes, or after this many months.
CORRECTIONS_PERSONAL_DATA_RETENTION_MONTHS = env_int("CORRECTIONS_PERSONAL_DATA_RETENTION_MONTHS", 6)

# A visitor's link to confirm news by email (follows/guest.py) works this many days.
GUEST_CONFIRMATION_DAYS = env_int("GUEST_CONFIRMATION_DAYS", 7)

ACCOUNT_RATE_LIMITS = {
    "event_registration": "30/h/ip,5/h/key",  # the guest form emails any address
    "event_link": "60/h/ip",  # confirming or cancelling through an emailed link
    "organisation_registration": "10/h/ip,3/d/key",
    "membership_request": "20/h/ip,10/h/key",
    "invitation": "30/h/ip,3/d/key",  # per invited address
    "story_submission": "10/h/ip,10/d/key",
    "error_report": "10/h/ip,5/d/key",  # "Klopt er iets niet?" (key: the reporter's address)
    "page_password": "10/5m/ip",  # private pages' passwords
    "newsletter_unsubscribe": "60/h/ip",  # one-click unsubscribe links
    "follow": "300/h/key",  # the follow buttons (a member clicking through pages is fine, a script is not)
    "guest_subscription": "10/h/ip,3/h/key",  # news by email without an account (key: the address)
}
# Behind a reverse proxy every request comes from the proxy's address; allauth's limits must
# count per real client. Set one of these to match the proxy (README, "Running in production").
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", "") or None
# Links in allauth's emails use SITE_URL, not the host of the request that sent them.
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Kennisplatform sociaal domein")
MFA_RECOVERY_CODE_COUNT = 10

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Nederlands")),
    ("en", _("Engels")),
]
# makemessages writes to the first entry; both outrank the catalogues of installed apps.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "kennisplatform_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
# Files of unpublished and restricted pages: outside MEDIA_ROOT, served by a view that checks (core/private_media.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media (images, documents) on S3-compatible object storage when a bucket is named, so that every
# app server sees the same files; otherwise in MEDIA_ROOT on this machine.
S3_BUCKET = env("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "location": env("S3_LOCATION", "media"),
            # Files stay private in the bucket; links to them are signed and expire.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("S3_URL_EXPIRE_SECONDS", 3600),
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kennisplatform <noreply@kennisplatform.example>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work goes through the Django tasks API. The immediate backend
# runs a task inside the request; production sets TASK_BACKEND to
# "django_tasks_db.DatabaseBackend" and runs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", IMMEDIATE_TASK_BACKEND),
    }
}

# The social map's background tiles; empty shows markers without a background.
MAP_TILE_URL = env(
    "MAP_TILE_URL", "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)

# Security headers (core/security.py). Scripts, styles, fonts and requests come from this site only;
# images also from the map's tile server (MAP_TILE_URL). Nobody frames the site (Wagtail's preview:
# this site only).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSP_ADMIN_PREFIX = "/admin/"
# geolocation=(self): the social map's "Gebruik mijn locatie" button (asked only on a click).
PERMISSIONS_POLICY = (
    ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "gyroscope",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        )
    )
    + ", geolocation=(self)"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", "Kaartgegevens &copy; Kadaster (PDOK)")

# Events (AVG): registrations' personal data is erased this many months after the event
# (`manage.py purge_personal_data`); a visitor's unconfirmed registration expires after these hours.
EVENTS_PERSONAL_DATA_RETENTION_MONTHS = env_int("EVENTS_PERSONAL_DATA_RETENTION_MONTHS", 12)
EVENTS_CONFIRMATION_HOURS = env_int("EVENTS_CONFIRMATION_HOURS", 24)
# Seconds a seat decision waits for another one on the same event (PostgreSQL) before the person hears
# "it is busy, try again" (503) instead of waiting for the whole queue; SQLite waits DATABASE_LOCK_TIMEOUT.
EVENTS_LOCK_TIMEOUT = env_int("EVENTS_LOCK_TIMEOUT", 5)

# Load shedding: a request that waited longer than this in the queue before a server took it gets 503 and
# Retry-After at once (0: off). Needs a proxy that sets X-Request-Start, like deploy/nginx.conf, and clocks
# in step between proxy and app servers.
LOAD_SHED_AFTER_SECONDS = float(os.environ.get("LOAD_SHED_AFTER_SECONDS", 0))
LOAD_SHED_RETRY_AFTER = env_int("LOAD_SHED_RETRY_AFTER", 30)

# Search statistics (queries per day, never who searched) are deleted after this many months.
SEARCH_STATISTICS_RETENTION_MONTHS = env_int("SEARCH_STATISTICS_RETENTION_MONTHS", 13)
# They are counted in memory and written at most this often per process, or when this many queries wait
# (search/statistics.py): one row per popular query no longer takes every visitor's update.
SEARCH_STATISTICS_FLUSH_SECONDS = float(os.environ.get("SEARCH_STATISTICS_FLUSH_SECONDS", 10))
SEARCH_STATISTICS_MAX_PENDING = env_int("SEARCH_STATISTICS_MAX_PENDING", 500)
# PostgreSQL: words that at least this many indexed items hold keep their items as bit sets
# (search/backends/common_words.py), refreshed by a full reindex and `manage.py search_common_words`.
SEARCH_COMMON_WORD_ENTRIES = env_int("SEARCH_COMMON_WORD_ENTRIES", 1000)

# Optional: the search app uses Elasticsearch only when this is set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
# Index names start with this, so that several sites can share one cluster.
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "kennisplatform")

WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_SITE_NAME = _("Kennisplatform sociaal domein")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", SITE_URL)
# Everyone logs in through allauth, so the second factor is never skipped: the admin, and
# private pages (Wagtail's own form at /_util/login/ redirects there too, see urls.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Gravatar would send a hash of every admin's email address to a third party (AVG).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_DOCUMENT_MODEL = "core.PlatformDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt"]
# Uploads are checked by content as well as name (core/documents.py).
DOCUMENT_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
# Lets Wagtail's uploader refuse an oversized file before sending it.
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_UPLOAD_SIZE
# Reading the text of a document for search stops at whichever limit comes first.
DOCUMENT_EXTRACTION_MAX_SECONDS = env_int("DOCUMENT_EXTRACTION_MAX_SECONDS", 20)
DOCUMENT_EXTRACTION_MAX_CHARS = env_int("DOCUMENT_EXTRACTION_MAX_CHARS", 500_000)
DOCUMENT_EXTRACTION_MAX_PAGES = env_int("DOCUMENT_EXTRACTION_MAX_PAGES", 300)
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
# Opening an image takes about 4 bytes per pixel; every upload form refuses more (core/images.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Every page save runs a few tasks; their progress lines drown out what matters.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

# Geocoding (members/geocoding.py): the PDOK Locatieserver's free search. Empty: an offline stand-in from the
# organisations' own coordinates (development without a network).
GEOCODER_URL = env("GEOCODER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")
GEOCODER_TIMEOUT = float(env("GEOCODER_TIMEOUT", "2"))

# Notifications (#15): daily digests go out from this hour (local time), weekly ones on this weekday
# (0 = Monday); read notifications are deleted after this many days.
DIGEST_HOUR = env_int("DIGEST_HOUR", 7)
DIGEST_WEEKDAY = env_int("DIGEST_WEEKDAY", 0)
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 180)
