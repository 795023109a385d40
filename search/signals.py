"""Keep the index in step with publishing: every change schedules a sync task after commit."""

import logging
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.documents import document_text_changed

from . import registry
from .tasks import sync_index

logger = logging.getLogger(__name__)


def _enqueue(model_label, pks):
    try:
        sync_index.enqueue(model_label, pks)
    except Exception:  # a full queue or a down worker must not break publishing
        logger.exception("Could not schedule a search index update for %s %s.", model_label, pks)


def schedule(model, pks):
    """Sync these objects of ``model`` once the current transaction commits."""
    adapter = registry.adapter_for_model(model)
    pks = [pk for pk in pks if pk is not None]
    if adapter is None or not pks:
        return
    transaction.on_commit(partial(_enqueue, adapter.model._meta.label_lower, pks), robust=True)


def schedule_objects(objects):
    by_model = {}
    for obj in objects:
        obj = getattr(obj, "specific_deferred", obj) if isinstance(obj, Page) else obj
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, pks in by_model.items():
        schedule(model, pks)


def schedule_pages(pages):
    """Sync the searchable pages among ``pages`` (a queryset of Page), by their specific type."""
    by_type = {}
    for pk, content_type_id in pages.values_list("pk", "content_type_id"):
        by_type.setdefault(content_type_id, []).append(pk)
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            schedule(model, pks)


def object_changed(instance):
    """Re-index whatever declares ``instance``'s model a trigger (e.g. guides when a file's text is read)."""
    for model, adapter, function in registry.triggers():
        if isinstance(instance, model):
            related = list(function(instance))
            if related and not hasattr(related[0], "pk"):
                schedule(adapter.model, related)
            else:
                schedule_objects(related)


def _document_text_changed(sender, document, **kwargs):
    object_changed(document)


def _page_changed(sender, instance, **kwargs):
    schedule_pages(Page.objects.filter(pk=instance.pk))


def _urls_changed(sender, instance, **kwargs):
    # A move or a new slug changes the URL of the page and everything below it.
    schedule_pages(Page.objects.descendant_of(instance, inclusive=True))


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # gone when the page itself is being deleted
        schedule_pages(Page.objects.descendant_of(page, inclusive=True))


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if not isinstance(instance, Page) and registry.adapter_for_model(sender):
        schedule(sender, [instance.pk])
    object_changed(instance)


def _deleted(sender, instance, **kwargs):
    # Pages: post_delete comes for each model of the page's chain; only the registered one counts.
    if registry.adapter_for_model(sender):
        schedule(sender, [instance.pk])


def _deleting(sender, instance, **kwargs):
    # Relations are still there before the delete; the sync runs after it.
    object_changed(instance)


def connect():
    document_text_changed.connect(_document_text_changed, dispatch_uid="search.document_text_changed")
    page_published.connect(_page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="search.page_unpublished")
    post_page_move.connect(_urls_changed, dispatch_uid="search.page_moved")
    page_slug_changed.connect(_urls_changed, dispatch_uid="search.page_slug_changed")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted")
    senders = {adapter.model for adapter in registry.adapters() if not issubclass(adapter.model, Page)}
    senders |= {model for model, _adapter, _function in registry.triggers()}
    for model in senders:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search.saved.{model._meta.label_lower}")
        pre_delete.connect(_deleting, sender=model, dispatch_uid=f"search.deleting.{model._meta.label_lower}")
    for adapter in registry.adapters():
        post_delete.connect(
            _deleted, sender=adapter.model, dispatch_uid=f"search.deleted.{adapter.model._meta.label_lower}"
        )
