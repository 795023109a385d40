"""Site-wide error responses, in Dutch (English with the language switch); serving private files."""

import mimetypes
from functools import wraps

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .private_media import image_for_name, may_see
from .storage import is_private_name


def _no_store(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def serve_private_image(request, name):
    """An original or rendition of a private image, for whoever may see a page that uses it; 404 for others."""
    image = image_for_name(name) if is_private_name(name) else None
    if image is None or not may_see(request, image) or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)


def no_store_for_private_files(view):
    """Wagtail's document view, with a private document's response kept out of shared caches."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(request, "private_file_served", False):
            _no_store(response)
        return response

    return serve


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: usually an old tab or blocked cookies."""
    return render(request, "403_csrf.html", status=403)


def too_many_requests(request, exception=None):
    """allauth's limiter and core.ratelimits answer with this (ROOT_URLCONF's handler429)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "300"
    return response
