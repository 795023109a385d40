"""Site-wide error responses, in Dutch (English with the language switch)."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: usually an old tab or blocked cookies."""
    return render(request, "403_csrf.html", status=403)


def too_many_requests(request, exception=None):
    """allauth's limiter and core.ratelimits answer with this (ROOT_URLCONF's handler429)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "300"
    return response
