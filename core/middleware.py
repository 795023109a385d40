import logging
import math
import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import MiddlewareNotUsed, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def can_use_admin(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def needs_mfa_setup(user):
    """Staff who can reach the Wagtail admin must have an authenticator app set up."""
    return can_use_admin(user) and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


def redirect_to_mfa_setup(request, next_path=None):
    """Send an admin user without two-factor authentication to set it up, then back to next_path (default: here)."""
    messages.warning(
        request,
        _("Stel eerst tweestapsverificatie in. Dat is verplicht voor iedereen die de beheeromgeving gebruikt."),
    )
    return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': next_path or request.path})}")


# The session already passed the check below for this user id (saves a query on every page).
SECOND_FACTOR_CHECKED_KEY = "kennisplatform_second_factor_checked"


def session_passed_second_factor(request):
    """True unless the person has a second factor that this session did not use.

    allauth records every step of a login in the session; having an authenticator is not enough,
    the login of this very session must have included it.
    """
    user = request.user
    if any(record.get("method") == "mfa" for record in get_authentication_records(request, user)):
        return True
    return not is_mfa_enabled(user)


class AdminAccessMiddleware:
    """Guard the second factor and the Wagtail admin before any view sees the request.

    A session whose login skipped the person's second factor is logged out and sent to the login.
    Logged-in people without admin rights get a plain 403 on the admin (Wagtail would send
    them to the login page, which sends a logged-in user straight back: a
    redirect loop). Admin users without two-factor authentication are sent to
    set it up first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not self._second_factor_ok(request):
            logout(request)
            messages.warning(request, _("Log opnieuw in. Voor uw account is ook de tweede stap nodig."))
            return redirect_to_login(request.get_full_path())
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            if not can_use_admin(request.user):
                return render(request, "403_admin.html", status=403)
            if needs_mfa_setup(request.user):
                return redirect_to_mfa_setup(request)
        return self.get_response(request)

    @staticmethod
    def _second_factor_ok(request):
        checked = request.session.get(SECOND_FACTOR_CHECKED_KEY) == str(request.user.pk)
        # The admin is checked on every request; elsewhere once per session.
        if checked and not request.path.startswith("/admin/"):
            return True
        if not session_passed_second_factor(request):
            return False
        if not checked:
            request.session[SECOND_FACTOR_CHECKED_KEY] = str(request.user.pk)
        return True


class RejectNullCharactersMiddleware:
    """A NUL character in the query string is never meant; PostgreSQL refuses it in text parameters.

    Refuse such requests with a 400 up front instead of letting every filter and search form
    guard against it (form fields already reject it in POST data).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise SuspiciousOperation("NUL character in the query string")
        return self.get_response(request)


def is_lock_timeout(error):
    """True for a database error that means "waited too long for another request's lock"."""
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.__cause__, OperationalError):
        return is_lock_timeout(error.__cause__)  # an app's own error for it, raised from the database's
    # PostgreSQL's lock_timeout (lock_not_available); SQLite's busy timeout.
    return getattr(error.__cause__, "sqlstate", None) == "55P03" or "database is locked" in str(error)


class DatabaseBusyMiddleware:
    """A request that waited the whole DATABASE_LOCK_TIMEOUT for a lock gets a clear Dutch answer (503 with
    Retry-After), not a server error: nothing was saved, and the visitor can simply try again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_timeout(exception):
            return None
        logger.warning("Database lock wait timed out for %s %s", request.method, request.path)
        response = render(request, "busy.html", status=503)
        response["Retry-After"] = "30"
        return response


class MethodNotAllowedPageMiddleware:
    """Django answers a wrong HTTP method with an empty 405; people get a short Dutch page instead.
    The Allow header stays; HEAD gets no body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


def queue_seconds(header, now):
    """How long a request waited between the proxy and this server, from the proxy's X-Request-Start
    header (nginx's "t=<seconds>.<milliseconds>", or whole milli- or microseconds as other proxies send
    it); None when the header is missing or unreadable."""
    try:
        started = float(header.strip().removeprefix("t="))
    except (AttributeError, ValueError):
        return None
    if not math.isfinite(started) or started <= 0:
        return None
    if started > 1e14:
        started /= 1e6
    elif started > 1e11:
        started /= 1e3
    return now - started


class LoadSheddingMiddleware:
    """Under more load than the servers can take, a request that already waited LOAD_SHED_AFTER_SECONDS
    in the queue is answered at once with 503 and Retry-After, before it touches the database: its
    visitor has likely given up, and the servers get to the requests behind it sooner. Off unless the
    setting is above 0; needs a proxy that sets X-Request-Start (deploy/nginx.conf)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.LOAD_SHED_AFTER_SECONDS
        if not self.limit:
            raise MiddlewareNotUsed

    def __call__(self, request):
        waited = queue_seconds(request.headers.get("X-Request-Start"), time.time())
        if waited is not None and waited > self.limit:
            logger.warning("Shed %s %s after %.1f s in the queue", request.method, request.path, waited)
            response = HttpResponse(render_to_string("overloaded.html"), status=503)
            response["Retry-After"] = str(settings.LOAD_SHED_RETRY_AFTER)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
