from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from .fanout import fan_out_page, kind_of


@receiver(page_published, dispatch_uid="notifications.fan_out_on_publish")
def fan_out_on_publish(sender, instance, **kwargs):
    """New material and meetings become news for their followers; a republish adds nothing (one per member)."""
    if kind_of(instance) is not None:
        page_id = instance.pk
        transaction.on_commit(lambda: fan_out_page.enqueue(page_id), robust=True)
