"""One-click unsubscribe from the newsletter, without logging in (RFC 8058)."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from core.ratelimits import rate_limited

from . import unsubscribe as unsubscribing


@csrf_exempt  # mail clients POST "List-Unsubscribe=One-Click" without a CSRF token (RFC 8058)
@rate_limited("newsletter_unsubscribe")
def unsubscribe(request, token):
    if request.method == "POST":
        done = unsubscribing.unsubscribe(token)
        return render(request, "newsletters/unsubscribed.html", {"done": done}, status=200 if done else 400)
    return render(request, "newsletters/unsubscribe.html", {"token": token})
