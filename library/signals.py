from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from .models import StoryPage
from .private_files import delete_private_files, make_public
from .submissions import send_decision_email


def _submitted_story(workflow_state):
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    if isinstance(page, StoryPage) and page.submitted_by_id:
        return page
    return None


@receiver(workflow_approved, dispatch_uid="library.story_approved")
def story_approved(sender, instance, user=None, **kwargs):
    if page := _submitted_story(instance):
        transaction.on_commit(lambda: send_decision_email.enqueue(page.pk, True))


@receiver(workflow_rejected, dispatch_uid="library.story_rejected")
def story_rejected(sender, instance, user=None, **kwargs):
    if page := _submitted_story(instance):
        task_state = instance.task_states.order_by("-finished_at", "-pk").first()
        comment = (task_state.comment if task_state else "") or ""
        transaction.on_commit(lambda: send_decision_email.enqueue(page.pk, False, comment))
        # Members cannot edit a rejected submission; its files were never public and are not kept.
        delete_private_files(page)


@receiver(page_published, sender=StoryPage, dispatch_uid="library.story_files_public")
def story_files_public(sender, instance, **kwargs):
    make_public(instance)
