"""What an editor might put in a newsletter: material published in the last weeks and meetings coming up,
about the newsletter's theme or in its municipality."""

import datetime

from django.db.models import Q
from django.utils import timezone

from events.models import EventPage
from library.models import LibraryPage

MATERIAL_WEEKS = 4
MEETING_WEEKS = 8
LIMIT = 20


def _segment(queryset, newsletter):
    segment = Q()
    if newsletter.theme_id:
        segment |= Q(themes=newsletter.theme_id)
    if newsletter.municipality_id:
        segment |= Q(municipality_id=newsletter.municipality_id)
    return queryset.filter(segment).distinct() if segment else queryset


def suggestions(newsletter, now=None):
    """Pages not yet in the newsletter: recent material (newest first), then upcoming meetings (soonest first)."""
    now = now or timezone.now()
    chosen = set(newsletter.items.values_list("page_id", flat=True)) if newsletter.pk else set()
    material = _segment(
        LibraryPage.objects.live()
        .public()
        .filter(published__gte=now.date() - datetime.timedelta(weeks=MATERIAL_WEEKS)),
        newsletter,
    ).order_by("-published", "-pk")
    meetings = _segment(
        EventPage.objects.live()
        .public()
        .filter(start__gte=now, start__lt=now + datetime.timedelta(weeks=MEETING_WEEKS)),
        newsletter,
    ).order_by("start", "pk")
    pages = [*material.exclude(pk__in=chosen)[:LIMIT], *meetings.exclude(pk__in=chosen)[:LIMIT]]
    return [page.specific for page in pages]
