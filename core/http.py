"""JSON endpoints answer every error in JSON, HEAD included, so that scripts never get an HTML page."""

from functools import wraps

from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD")


def json_error(message, status, **headers):
    response = JsonResponse(
        {"error": str(message), "status": status}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for name, value in headers.items():
        response[name] = value
    return response


def json_endpoint(view):
    """GET and HEAD only (405 in JSON otherwise); marks the view so that a 400 raised before it is JSON too.

    Exempt from the CSRF check, which would otherwise answer a POST with an HTML 403 before the view
    could refuse the method: these views change nothing, whatever the method.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            return json_error(
                _("Deze methode is hier niet toegestaan; gebruik GET."), 405, Allow=", ".join(SAFE_METHODS)
            )
        return view(request, *args, **kwargs)

    wrapper.json_errors = True
    return wrapper


def bad_request(request, exception):
    """handler400: JSON for JSON endpoints (a NUL byte or too many parameters), the Dutch 400 page otherwise."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    if getattr(view, "json_errors", False):
        return json_error(
            _("Dit verzoek kunnen we niet verwerken: het adres bevat tekens die niet kunnen kloppen."), 400
        )
    return defaults.bad_request(request, exception)
