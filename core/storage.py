"""Where uploads are stored: public files in MEDIA_ROOT, private ones (core/private_media.py) outside it."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils._os import safe_join

PRIVATE_MARK = "private--"


def is_private_name(name):
    return os.path.basename(name or "").startswith(PRIVATE_MARK)


def private_name(name):
    """The file name under which a file is stored privately."""
    return name if is_private_name(name) else PRIVATE_MARK + name


def public_name(name):
    return name.removeprefix(PRIVATE_MARK)


class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT for public files; PRIVATE_MEDIA_ROOT, served through a view that checks, for private ones."""

    def path(self, name):
        if is_private_name(name):
            return safe_join(settings.PRIVATE_MEDIA_ROOT, name)
        return super().path(name)

    def _save(self, name, content):
        saved = super()._save(name, content)
        if is_private_name(saved):
            # FileSystemStorage names the file relative to MEDIA_ROOT; it is stored relative to PRIVATE_MEDIA_ROOT.
            full_path = os.path.normpath(os.path.join(self.location, saved))
            return os.path.relpath(full_path, settings.PRIVATE_MEDIA_ROOT).replace("\\", "/")
        return saved

    def url(self, name):
        if is_private_name(name):
            return reverse("private_media", kwargs={"name": name})
        return super().url(name)
