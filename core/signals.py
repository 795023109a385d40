"""Read the text of a document whenever its file is new or replaced; strip the metadata of new images; keep the
files of unpublished and restricted pages private (core/private_media.py)."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Revision
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import private_media
from .documents import extract_document_text
from .images import strip_metadata

Document = get_document_model()


@receiver(pre_save, sender=get_image_model(), dispatch_uid="core.images.strip_metadata")
def strip_image_metadata(sender, instance, raw=False, **kwargs):
    if not raw:
        strip_metadata(instance)


def _file_may_change(update_fields):
    # Wagtail saves file_hash or file_size alone when it fills them in lazily.
    return update_fields is None or "file" in update_fields


@receiver(pre_save, sender=Document, dispatch_uid="core.documents.remember_file")
def remember_file(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or not _file_may_change(update_fields):
        return
    instance._file_before_save = sender.objects.filter(pk=instance.pk).values_list("file", "file_hash").first()


@receiver(post_save, sender=Document, dispatch_uid="core.documents.extract_text_of_new_file")
def extract_text_of_new_file(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not instance.file or not _file_may_change(update_fields):
        return
    before = instance.__dict__.pop("_file_before_save", None)
    if not created and before is not None:
        if before == (instance.file.name, instance.file_hash):
            return
        sender.objects.filter(pk=instance.pk).update(extraction=sender.Extraction.PENDING)
        instance.extraction = sender.Extraction.PENDING
    # After commit: a worker must find the row, and a rolled-back upload needs no text.
    transaction.on_commit(partial(extract_document_text.enqueue, instance.pk), robust=True)


@receiver(post_save, sender=Revision, dispatch_uid="core.private_media.draft_saved")
def files_of_a_draft(sender, instance, created, raw=False, **kwargs):
    """A file that only a draft uses is private from the moment the draft is saved."""
    if raw or not created or not issubclass(instance.base_content_type.model_class(), Page):
        return
    private_media.update_visibility(private_media.files_referenced_by(instance.as_object()))


@receiver(page_published, dispatch_uid="core.private_media.page_published")
def files_of_a_published_page(sender, instance, **kwargs):
    # The reference index is otherwise updated by a task, which may run later.
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)
    private_media.update_visibility(private_media.files_referenced_by(instance))


@receiver(page_unpublished, dispatch_uid="core.private_media.page_unpublished")
def files_of_an_unpublished_page(sender, instance, **kwargs):
    private_media.update_visibility(private_media.files_referenced_by(instance))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="core.private_media.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="core.private_media.restriction_deleted")
def files_under_a_restriction(sender, instance, raw=False, **kwargs):
    if not raw:
        private_media.update_visibility(private_media.files_used_under(instance.page))


@receiver(post_page_move, dispatch_uid="core.private_media.page_moved")
def files_of_a_moved_page(sender, instance, **kwargs):
    # Moving a page under a restricted section (or out of one) changes who may see it.
    private_media.update_visibility(private_media.files_used_under(instance))
