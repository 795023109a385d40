"""Members of verified organisations submit practice stories; editors decide in a Wagtail workflow.

Views, the admin and tests all go through these functions.
"""

import os

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask
from wagtail.users.models import UserProfile

from core.pagetree import parent_for
from core.storage import public_name
from core.tasks import task
from core.text import one_line
from members.models import Organisation

from .models.pages import StoryPage
from .private_files import delete_private_files, delete_private_uploads_of, private_collection, stored_privately
from .text import body_from_text

WORKFLOW_NAME = "Inzendingen van leden beoordelen"


def verified_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.public().filter(memberships__user=user).order_by("name")


def submission_workflow(index):
    """The moderation workflow for the library, created on first use: the Moderators group approves."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        approval = GroupApprovalTask.objects.create(name=_("Redactie beoordeelt"))
        moderators, _created = Group.objects.get_or_create(name="Moderators")
        approval.groups.set([moderators])
        approval.save()
        WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def submit_story(user, **submission):
    """Create a draft story from a member's submission and put it in the editors' workflow.

    A failure rolls back the rows and removes the files stored so far: no orphan files on disk.
    """
    stored_files = []
    try:
        return _submit_story(user, stored_files, **submission)
    except BaseException:
        for file in stored_files:
            file.storage.delete(file.name)
        raise


@transaction.atomic
def _submit_story(
    user,
    stored_files,
    *,
    title,
    summary,
    body,
    organisation,
    themes=(),
    target_groups=(),
    municipality=None,
    image=None,
    image_alt="",
    attachment=None,
):
    if organisation not in verified_organisations(user):
        raise PermissionDenied(_("U kunt alleen insturen namens een geverifieerde organisatie waar u lid van bent."))
    index = parent_for(StoryPage)
    blocks = body_from_text(body)
    collection = private_collection()
    if image is not None:
        stored = get_image_model()(
            title=title[:255],
            file=stored_privately(image, random_name=True),
            uploaded_by_user=user,
            collection=collection,
        )
        stored.save()
        stored_files.append(stored.file)
        blocks.append({"type": "image", "value": {"image": stored.pk, "alt_text": image_alt, "caption": ""}})
    if attachment is not None:
        document = get_document_model()(
            title=title[:255], file=stored_privately(attachment), uploaded_by_user=user, collection=collection
        )
        document.full_clean()
        document.save()
        stored_files.append(document.file)
        link_text = escape(_("Bijlage: %(title)s") % {"title": title})
        blocks.append(
            {"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">{link_text}</a></p>'}
        )
    page = StoryPage(
        title=title,
        summary=summary,
        body=blocks,
        municipality=municipality,
        submitted_by=user,
        owner=user,
        live=False,
    )
    page.themes = list(themes)
    page.target_groups = list(target_groups)
    page.organisations = [organisation]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    # Members hear the outcome from us (send_decision_email); Wagtail's own
    # notifications link to the admin, which they cannot open.
    UserProfile.objects.update_or_create(
        user=user, defaults={"approved_notifications": False, "rejected_notifications": False}
    )
    submission_workflow(index).start(page, user)
    return page


def _status(page, state, comments):
    if page.live:
        return "published", _("Gepubliceerd"), ""
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "rejected", _("Afgewezen"), comments.get(state.pk, "")
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "pending", _("Wacht op beoordeling"), ""
    return "draft", _("Concept"), ""


def submission_statuses(stories):
    """[(story, code, label, editor's comment)] for the member's overview, in three queries whatever the number."""
    stories = list(stories)
    if not stories:
        return []
    latest = {}
    states = WorkflowState.objects.filter(
        base_content_type=stories[0].get_base_content_type(), object_id__in=[str(story.pk) for story in stories]
    ).order_by("created_at", "pk")
    for state in states:
        latest[state.object_id] = state
    comments = {}
    rejected = [state.pk for state in latest.values() if state.status == WorkflowState.STATUS_NEEDS_CHANGES]
    for task_state in TaskState.objects.filter(workflow_state__in=rejected, finished_at__isnull=False).order_by(
        "finished_at"
    ):
        comments[task_state.workflow_state_id] = task_state.comment or ""
    return [(story, *_status(story, latest.get(str(story.pk)), comments)) for story in stories]


def submission_status(page):
    """(code, label, comment) of one submitted story."""
    return tuple(submission_statuses([page])[0][1:])


def submissions_of(user):
    return StoryPage.objects.filter(submitted_by=user).order_by("-latest_revision_created_at", "-pk")


@task()
def send_decision_email(page_id, approved, comment=""):
    page = StoryPage.objects.filter(pk=page_id).select_related("submitted_by").first()
    if page is None or page.submitted_by is None:
        return
    context = {"page": page, "approved": approved, "comment": comment, "url": page.full_url if approved else None}
    subject = (
        _("Uw praktijkverhaal is gepubliceerd: %(title)s")
        if approved
        else _("Uw praktijkverhaal is niet geplaatst: %(title)s")
    ) % {"title": page.title}
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(subject),
        render_to_string("library/email/submission_decision.txt", context),
        None,
        [page.submitted_by.email],
    )


@transaction.atomic
def erase_submissions(user):
    """Account deletion: stories that never went public go, with their files; published ones stay, without the link."""
    for story in submissions_of(user).filter(live=False):
        delete_private_files(story)
        story.delete()
    delete_private_uploads_of(user)


def personal_data(user):
    """The member's submitted stories and the files they uploaded, for the personal-data export."""
    stories = [
        {
            "title": story.title,
            "status": label,
            "editor_comment": comment,
            "summary": story.summary,
            "text": "\n\n".join(
                strip_tags(block["value"])
                for block in story.body.raw_data
                if block.get("type") == "paragraph" and isinstance(block.get("value"), str)
            ),
            "submitted": story.latest_revision_created_at.isoformat() if story.latest_revision_created_at else None,
            "url": story.full_url if story.live else None,
        }
        for story, _code, label, comment in submission_statuses(submissions_of(user))
    ]
    files = [
        {
            "kind": kind,
            "title": file.title,
            "file_name": public_name(os.path.basename(file.file.name)),
            "uploaded": file.created_at.isoformat(),
            "url": url(file),
        }
        for kind, model, url in (
            ("image", get_image_model(), lambda image: image.file.url),
            ("document", get_document_model(), lambda document: document.url),
        )
        for file in model.objects.filter(uploaded_by_user=user).order_by("created_at", "pk")
    ]
    return {"submitted_stories": stories, "uploaded_files": files}
