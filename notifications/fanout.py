"""Who hears about what: a newly published page becomes one notification per member who follows any of its
themes, target groups, municipality, organisations or series, or a person who wrote it in (a story) or organises
it (a meeting), as long as that person's profile is not hidden."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from core.models import Municipality, TargetGroup, Theme
from core.tasks import task
from core.text import one_line
from events.models import EventPage, EventSeriesPage
from follows.models import Follow, NewsKind
from library.models import LibraryPage, StoryPage
from members.models import Organisation, Profile

from .delivery import send_immediate
from .models import Notification


def _subjects(page):
    """(model, ids) pairs a follower of which hears about `page`."""
    subjects = [
        (Theme, [t.pk for t in page.themes.all()]),
        (TargetGroup, [g.pk for g in page.target_groups.all()]),
        (Municipality, [page.municipality_id] if page.municipality_id else []),
    ]
    if isinstance(page, StoryPage):
        subjects.append((Organisation, [o.pk for o in page.organisations.all()]))
    if isinstance(page, EventPage):
        if page.organising_organisation_id:
            subjects.append((Organisation, [page.organising_organisation_id]))
        if page.series:
            subjects.append((EventSeriesPage, [page.series.pk]))
    subjects.append((Profile, _people(page)))
    return [(model, ids) for model, ids in subjects if ids]


def _people(page):
    """Profiles of the people behind `page` whom followers may still see: not hidden, account active."""
    if isinstance(page, StoryPage):
        users = [page.submitted_by_id] if page.submitted_by_id else []
    elif isinstance(page, EventPage):
        users = [user.pk for user in page.organisers.all()]
    else:
        users = []
    if not users:
        return []
    return list(
        Profile.objects.filter(user_id__in=users, user__is_active=True)
        .exclude(visibility=Profile.Visibility.HIDDEN)
        .values_list("pk", flat=True)
    )


def followers(page):
    """Ids of the members who follow something `page` is about."""
    condition = Q(pk__in=[])
    for model, ids in _subjects(page):
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return set(Follow.objects.filter(condition).values_list("user_id", flat=True))


def meeting_followers(event):
    """Members who follow a meeting: told about it when it was new, or following its series."""
    told = set(
        Notification.objects.filter(page_id=event.pk, kind=NewsKind.MEETING).values_list("recipient_id", flat=True)
    )
    series = event.series
    if series is not None:
        told |= set(Follow.objects.of(series).values_list("user_id", flat=True))
    return told


def kind_of(page):
    if isinstance(page, LibraryPage):
        return NewsKind.MATERIAL
    if isinstance(page, EventPage):
        return NewsKind.MEETING
    return None


def is_public(page):
    return page.live and not page.get_view_restrictions().exists()


def fan_out(page, *, kind=None, key="", user_ids=None):
    """Notifications about `page` for its followers (or `user_ids`); returns how many were new.

    Safe to repeat: a member gets one notification per page, kind and key."""
    kind = kind or kind_of(page)
    if kind is None or not is_public(page):
        return 0
    recipients = followers(page) if user_ids is None else set(user_ids)
    if not recipients:
        return 0
    first_theme = page.themes.order_by("name").first()
    common = {
        "kind": kind,
        "page_id": page.pk,
        "key": key,
        "title": page.title[:255],
        "line": one_line(getattr(page, "summary", "") or page.search_description or "")[:300],
        "url": page.get_url() or page.url_path,
        "theme": first_theme,
    }
    before = Notification.objects.filter(page_id=page.pk, kind=kind, key=key).count()
    Notification.objects.bulk_create(
        [Notification(recipient_id=user_id, **common) for user_id in sorted(recipients)],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return Notification.objects.filter(page_id=page.pk, kind=kind, key=key).count() - before


@task()
def fan_out_page(page_id, kind="", key="", user_ids=None):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    created = fan_out(page.specific, kind=kind or None, key=key, user_ids=user_ids)
    if created:
        # Members who want this kind at once get it now; the rest wait for their digest.
        send_immediate.enqueue()
    return created
