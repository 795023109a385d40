from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from events.news import meeting_changed
from follows.models import NewsKind

from .fanout import fan_out_page, kind_of, meeting_followers


@receiver(page_published, dispatch_uid="notifications.fan_out_on_publish")
def fan_out_on_publish(sender, instance, **kwargs):
    """New material and meetings become news for their followers; a republish adds nothing (one per member)."""
    if kind_of(instance) is not None:
        page_id = instance.pk
        transaction.on_commit(lambda: fan_out_page.enqueue(page_id), robust=True)


@receiver(meeting_changed, dispatch_uid="notifications.meeting_changed")
def notify_meeting_changed(sender, event, sequence, **kwargs):
    """Who heard about a meeting, or follows its series, hears that it changed (once per change)."""
    user_ids = meeting_followers(event)
    if user_ids:
        fan_out_page.enqueue(
            event.pk, kind=NewsKind.MEETING_CHANGE, key=f"change-{sequence}", user_ids=sorted(user_ids)
        )
