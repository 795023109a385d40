"""Images and documents that only unpublished or restricted pages use are private: stored outside the public
media folder and served only to whoever may see such a page.

The rule, applied whenever a page's use of files changes (a draft or revision is saved, a page is published or
unpublished, a page's privacy changes):

- a file that a live page without view restrictions uses, or that something other than a page uses (an
  organisation's logo), is public: public wins;
- a file that only drafts, unpublished pages or restricted pages use is private;
- a file that no page uses keeps its state; a new upload is public, as in Wagtail, except a member's submission
  (stored private from the start). For documents Wagtail's own collection privacy applies on top.

A private file has core.storage.PRIVATE_MARK in front of its file name. `MediaStorage` keeps such files under
PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so a web server that serves the media folder cannot hand them out; their
URL points at `serve_private_image` (images and renditions) and documents go through Wagtail's document view with
the `before_serve_document` hook. Wagtail names a rendition after the original's file name, so renditions of a
private image carry the mark too and are stored privately as well, also those made for the editor's preview.

Files stored before the rule existed change only at the next event on their page, so `manage.py apply_file_privacy`
applies it once to every file (apply_rule_to_every_file).
"""

import os
from collections import namedtuple

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from . import pagecache
from .middleware import can_use_admin
from .storage import is_private_name, private_name, public_name


def is_private(file):
    return file is not None and is_private_name(file.file.name)


def _file_models():
    return get_image_model(), get_document_model()


def _content_type_ids():
    return {ContentType.objects.get_for_model(model).pk: model for model in _file_models()}


def _ids_referenced_by(obj, models):
    ids = {}
    for content_type_id, object_id, *_path in ReferenceIndex._extract_references_from_object(obj):
        if content_type_id in models:
            ids.setdefault(models[content_type_id], set()).add(int(object_id))
    return ids


def files_referenced_by(obj):
    """The images and documents that a page (or a page object made from a revision) refers to."""
    ids = _ids_referenced_by(obj, _content_type_ids())
    return [file for model, pks in ids.items() for file in model.objects.filter(pk__in=pks)]


def files_used_under(page):
    """The files that the stored content of a page and the pages below it refers to."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [str(pk) for pk in page.get_descendants(inclusive=True).values_list("pk", flat=True)]
    references = ReferenceIndex.objects.filter(base_content_type=page_type, object_id__in=page_ids)
    files = []
    for content_type_id, model in _content_type_ids().items():
        pks = references.filter(to_content_type_id=content_type_id).values_list("to_object_id", flat=True)
        files.extend(model.objects.filter(pk__in=[int(pk) for pk in pks]))
    return files


def _references_to(file):
    return ReferenceIndex.get_references_to(file)


def pages_using(file):
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = _references_to(file).filter(base_content_type=page_type).values_list("object_id", flat=True)
    return Page.objects.filter(pk__in=[int(pk) for pk in page_ids])


def publicly_used(file):
    page_type = ContentType.objects.get_for_model(Page)
    references = _references_to(file)
    if references.exclude(base_content_type=page_type).exists():
        return True
    return pages_using(file).live().public().exists()


def update_visibility(files):
    """Make each file public or private by the rule above (only for files that some page uses)."""
    for file in files:
        if publicly_used(file):
            make_public(file)
        else:
            make_private(file)


def make_private(file):
    """Returns the number of renditions deleted, None if the file was private already."""
    if not is_private(file):
        return _rename(file, private_name(os.path.basename(file.file.name)))
    return None


def make_public(file):
    """Returns the number of renditions deleted, None if the file was public already."""
    if is_private(file):
        return _rename(file, public_name(os.path.basename(file.file.name)))
    return None


def _rename(file, new_basename):
    storage = file.file.storage
    old_name = file.file.name
    with storage.open(old_name) as content:
        new_name = storage.save(os.path.join(os.path.dirname(old_name), new_basename), content)
    type(file).objects.filter(pk=file.pk).update(file=new_name)
    file.file.name = new_name
    # The old file goes once the new name is committed; a rollback leaves only an unused copy.
    transaction.on_commit(lambda: storage.delete(old_name))
    # The file's address changed and queryset.update() sends no signal: stored pages would link to the old one.
    pagecache.purge()
    deleted = 0
    if isinstance(file, get_image_model()):
        # Renditions are made again, under a name of the same kind, when next asked for.
        for rendition in file.renditions.all():
            rendition.delete()
            deleted += 1
    return deleted


# What apply_rule_to_every_file() did with a file.
MADE_PRIVATE, MADE_PUBLIC, UNCHANGED, UNUSED, MISSING, FAILED = (
    "private",
    "public",
    "unchanged",
    "unused",
    "missing",
    "failed",
)
Outcome = namedtuple("Outcome", "file kind renditions_deleted error", defaults=(0, None))


def _files_in_use():
    """Per file model, the ids of the files that something refers to: the stored content of a page or of another
    object (the reference index), or the newest draft of a page whose changes are not published yet."""
    models = _content_type_ids()
    used = {model: set() for model in models.values()}
    for content_type_id, model in models.items():
        pks = ReferenceIndex.objects.filter(to_content_type_id=content_type_id).values_list("to_object_id", flat=True)
        used[model].update(int(pk) for pk in pks.distinct())
    drafts = Page.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
    for page in drafts.select_related("latest_revision").iterator():
        for model, pks in _ids_referenced_by(page.latest_revision.as_object(), models).items():
            used[model].update(pks)
    return used


def apply_rule_to_every_file():
    """Apply the rule once to every image and document, for files stored before it or while it was not applied.

    Yields an Outcome per file, each file's change committed before it is yielded; a second run finds every file
    UNCHANGED or UNUSED. A file missing from storage is not touched (MISSING); one that cannot be copied is left as it
    was (FAILED, with the error).
    """
    used = _files_in_use()
    for model in _file_models():
        # Read at once, not through a server-side cursor: every file's change is committed on its own.
        for file in model.objects.order_by("pk"):
            if file.pk not in used[model]:
                yield Outcome(file, UNUSED)
                continue
            private = not publicly_used(file)
            if private == is_private(file):
                yield Outcome(file, UNCHANGED)
                continue
            if not file.file.storage.exists(file.file.name):
                yield Outcome(file, MISSING)
                continue
            name = file.file.name
            try:
                with transaction.atomic():
                    deleted = make_private(file) if private else make_public(file)
            except OSError as error:
                file.file.name = name
                yield Outcome(file, FAILED, error=error)
                continue
            yield Outcome(file, MADE_PRIVATE if private else MADE_PUBLIC, deleted)


def may_see(request, file):
    """Everyone for a public file; for a private one, whoever may see a page that uses it."""
    if not is_private(file):
        return True
    user = request.user
    if user.is_authenticated:
        if file.uploaded_by_user_id == user.pk:
            return True
        policy = policy_registry.get_by_type(type(file))
        # Editors and moderators see the file in the admin's library too.
        if can_use_admin(user) and policy.user_has_any_permission_for_instance(user, ["choose", "change"], file):
            return True
    for page in pages_using(file).specific(defer=True):
        if user.is_authenticated and (page.owner_id == user.pk or page.permissions_for_user(user).can_edit()):
            return True
        if page.live and all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            return True
    return False


def image_for_name(name):
    """The image whose original or rendition is stored under `name`."""
    Image = get_image_model()
    image = Image.objects.filter(file=name).first()
    if image is None:
        rendition = Image.get_rendition_model().objects.filter(file=name).select_related("image").first()
        image = rendition.image if rendition else None
    return image
