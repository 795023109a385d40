from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .calendar import call_off, note_publication
from .models import EventPage
from .services import promote_waiting_list


@receiver(page_published, sender=EventPage, dispatch_uid="events.promote_after_publish")
def promote_after_publish(sender, instance, **kwargs):
    """An editor may have added seats to the event or a table: whoever now fits gets a seat."""
    transaction.on_commit(lambda: promote_waiting_list(instance), robust=True)


@receiver(page_published, sender=EventPage, dispatch_uid="events.calendar_after_publish")
def calendar_after_publish(sender, instance, **kwargs):
    note_publication(instance)


@receiver(page_unpublished, sender=EventPage, dispatch_uid="events.calendar_after_unpublish")
def calendar_after_unpublish(sender, instance, **kwargs):
    call_off(instance)
