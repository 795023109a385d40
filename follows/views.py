from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .unsubscribe import read_token


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without cookies or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    unsub = read_token(token)
    if unsub is None:
        return render(request, "follows/unsubscribe_invalid.html", status=400)
    done = request.method == "POST"
    if done:
        unsub.apply()
    return render(request, "follows/unsubscribe.html", {"unsub": unsub, "done": done})
