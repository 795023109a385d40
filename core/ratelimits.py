"""Rate limits on the site's own public forms, through allauth's limiter: the same shared cache as the
login limits, and the rates in ACCOUNT_RATE_LIMITS next to allauth's own (False switches all off).

Each rate counts per IP address (behind the proxy: the client's, see README) and per key: the email
address the form would write to, otherwise the logged-in member, otherwise the IP address again.
Only POSTs count; a refused POST gets the Dutch 429 page and changes nothing.
"""

from functools import wraps

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit


def _key(request, key_field):
    address = (request.POST.get(key_field) or "").strip().lower() if key_field else ""
    if address:
        return f"address:{address}"
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{get_adapter().get_client_ip(request)}"


def rate_limited(action, key_field=None):
    """View decorator: POSTs beyond the rates of `action` are refused with the 429 page."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method == "POST" and not ratelimit.consume(request, action=action, key=_key(request, key_field)):
                return ratelimit.respond_429(request)
            return view(request, *args, **kwargs)

        return limited

    return decorator
