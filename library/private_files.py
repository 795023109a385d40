"""Files of a member's submission stay private until the story is published.

They live in a collection of their own and are stored privately from the start (core/private_media.py:
outside the public media folder, served only to the submitter and to editors and moderators); the photo
also gets a random file name. Publishing the story moves its files to the public root collection (and
core/private_media.py makes them public); rejection and account deletion delete them.
"""

import os
import re
import uuid

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.storage import private_name

PRIVATE_COLLECTION_NAME = "Inzendingen (niet openbaar)"
DOCUMENT_LINK = re.compile(r'linktype="document"\s+id="(\d+)"')


def private_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=PRIVATE_COLLECTION_NAME).first() or root.add_child(
        name=PRIVATE_COLLECTION_NAME
    )


def is_private(file):
    collection = file.collection
    return collection is not None and collection.name == PRIVATE_COLLECTION_NAME and collection.depth > 1


def stored_privately(upload, random_name=False):
    """Stored outside the public media folder from the first byte (core/private_media.py).

    A photo also gets a random name: a phone names it after the moment it was taken.
    """
    name = upload.name or ""
    if random_name:
        name = uuid.uuid4().hex + os.path.splitext(name)[1].lower()
    upload.name = private_name(name)
    return upload


def files_of(story):
    """(images, documents) that the story's body shows or links to."""
    image_ids, document_ids = set(), set()
    for block in story.body.raw_data:
        value = block.get("value")
        if block.get("type") == "image" and isinstance(value, dict) and value.get("image"):
            image_ids.add(value["image"])
        elif isinstance(value, str):
            document_ids.update(int(pk) for pk in DOCUMENT_LINK.findall(value))
    return (
        list(get_image_model().objects.filter(pk__in=image_ids)),
        list(get_document_model().objects.filter(pk__in=document_ids)),
    )


def make_public(story):
    """The story is published: its files may be seen by everyone."""
    root = Collection.get_first_root_node()
    for files in files_of(story):
        for file in files:
            if is_private(file):
                file.collection = root
                file.save(update_fields=["collection"])


def delete_private_files(story):
    """Rejected or erased: the files that were never public go, from the database and from the disk."""
    for files in files_of(story):
        for file in files:
            if is_private(file):
                _delete_with_file(file)


def delete_private_uploads_of(user):
    for model in (get_image_model(), get_document_model()):
        for file in model.objects.filter(uploaded_by_user=user, collection__name=PRIVATE_COLLECTION_NAME):
            _delete_with_file(file)


def _delete_with_file(file):
    # Wagtail deletes the file, and the renditions' files, from storage once the deletion is committed.
    file.delete()
