"""Security response headers: the Content-Security-Policy (django-csp) and a Permissions-Policy.

The public site runs no inline script at all (every script is a static file), so its policy allows
scripts from this site only. The Wagtail admin's own templates still contain inline scripts (date and
time pickers, inline panels), so under its URL prefix inline scripts are allowed; only staff with a
second factor reach it. Wagtail's preview frames its page inside the admin: a response that Wagtail
marks as frameable by the same origin may be framed by this site, and nothing else ever.

Wagtail renders a preview by running a simulated front-end request (`request.is_dummy`) through the whole
middleware chain inside the admin's request, and marks the response frameable only afterwards. The policy
is therefore written once, by the admin's request, and a previewed page keeps the public page's strict
script and style rules.
"""

from urllib.parse import urlsplit

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        if request.path_info.startswith(settings.CSP_ADMIN_PREFIX) and not getattr(response, "_front_end_page", False):
            replace["script-src"] = [SELF, UNSAFE_INLINE]
            replace["style-src"] = [SELF, UNSAFE_INLINE]
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            replace["frame-ancestors"] = [SELF]
        parts.replace = replace or None
        if settings.MAP_TILE_URL:
            # The social map's background tiles (the setting may change per environment, so read it here).
            tiles = urlsplit(settings.MAP_TILE_URL)
            parts.update = {**(parts.update or {}), "img-src": [f"{tiles.scheme}://{tiles.netloc}"]}
        return parts

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if getattr(request, "is_dummy", False):
            response._front_end_page = True
            return response
        return super().process_response(request, response)
