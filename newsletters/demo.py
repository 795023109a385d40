"""Demo newsletters: one sent last month to the demo members, one draft the editor can finish and send."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.taxonomy import Theme
from events.models import EventPage
from library.models import LibraryPage

from .models import Delivery, Newsletter, NewsletterItem

SENT_SUBJECT = "Nieuwsbrief november: samen tegen armoede"
DRAFT_SUBJECT = "Nieuwsbrief december (concept)"


def load():
    if Newsletter.objects.filter(subject__in=[SENT_SUBJECT, DRAFT_SUBJECT]).exists():
        return
    material = list(LibraryPage.objects.live().order_by("-published", "pk")[:3])
    meetings = list(EventPage.objects.live().filter(start__gte=timezone.now()).order_by("start")[:2])
    now = timezone.now()

    sent = Newsletter.objects.create(
        subject=SENT_SUBJECT,
        intro="<p>Deze maand: verhalen uit de praktijk en bijeenkomsten om elkaar te ontmoeten.</p>",
    )
    for order, page in enumerate(material[:2]):
        NewsletterItem.objects.create(newsletter=sent, page=page, sort_order=order)
    Newsletter.objects.filter(pk=sent.pk).update(
        status=Newsletter.Status.SENT,
        sending_started=now - datetime.timedelta(days=30),
        sent=now - datetime.timedelta(days=30),
    )
    Delivery.objects.bulk_create(
        Delivery(
            newsletter=sent,
            email=user.email,
            user=user,
            status=Delivery.Status.SENT,
            sent_at=now - datetime.timedelta(days=30),
        )
        for user in get_user_model().objects.filter(is_active=True).order_by("pk")
    )

    # Segmented by the theme of the next meeting, which the editor then finds among the suggestions.
    theme = meetings[0].themes.order_by("pk").first() if meetings else None
    draft = Newsletter.objects.create(
        subject=DRAFT_SUBJECT,
        intro="<p>Het jaar loopt ten einde. Wat hebben we van elkaar geleerd?</p>",
        theme=theme or Theme.objects.order_by("pk").first(),
    )
    for order, page in enumerate(material[2:]):
        NewsletterItem.objects.create(newsletter=draft, page=page, sort_order=order)
