"""Unsubscribe links of newsletters sent before follows.unsubscribe served every email (RFC 8058 one-click)."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.ratelimits import rate_limited
from follows.views import unsubscribe_page

from .unsubscribe import legacy_request


@csrf_exempt  # mail clients POST "List-Unsubscribe=One-Click" without a CSRF token (RFC 8058)
@require_http_methods(["GET", "POST"])
@rate_limited("newsletter_unsubscribe")
def unsubscribe(request, token):
    return unsubscribe_page(request, legacy_request(token))
