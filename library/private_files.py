"""Files of a member's submission stay private until the story is published.

They live in a collection of their own, which the public site never serves from: documents are
served only to the submitter and to the people who moderate (Wagtail's document view asks the
`before_serve_document` hook), and images get a random file name so that nobody can guess the
address of the original or its renditions. Publishing the story moves its files to the public root
collection; rejection and account deletion delete them.
"""

import os
import re
import uuid

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.middleware import can_use_admin

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


def may_see(user, file):
    """The submitter and whoever moderates (everyone with access to the Wagtail admin)."""
    if not user.is_authenticated:
        return False
    return file.uploaded_by_user_id == user.pk or can_use_admin(user)


def unguessable_name(upload):
    """A random file name: images are served straight from the media folder, so the address is the only lock."""
    upload.name = uuid.uuid4().hex + os.path.splitext(upload.name or "")[1].lower()
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
