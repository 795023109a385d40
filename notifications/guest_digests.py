"""The weekly email for visitors who subscribed without an account (follows.EmailSubscription): what was newly
published about their one theme or municipality, grouped by theme, title, one line and link each.

A subscription's ``last_sent`` is the moment up to which it has had everything; a digest holds what was first
published after it, and sets it to the moment the run started. So no item comes twice, across runs too, and at
most one email a week goes to an address. Only live pages that anyone may see are included."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.siteurl import absolute_url, rebase
from core.text import one_line
from events.models import EventPage
from follows.models import EmailSubscription
from follows.unsubscribe import list_unsubscribe_headers, suppressed_among, unsubscribe_url
from library.models import LibraryPage

INTERVAL = datetime.timedelta(days=7)
MAX_ITEMS = 30


def _since(subscription):
    return subscription.last_sent or subscription.confirmed


def _subject_key(subscription):
    """("theme", id) or ("municipality", id): which news a subscription is for."""
    if subscription.theme_id:
        return "theme", subscription.theme_id
    return "municipality", subscription.municipality_id


def _published(model, condition, since, now):
    """Live, public pages of `model` first published in (since, now], newest first."""
    return list(
        model.objects.live()
        .public()
        .filter(condition, first_published_at__gt=since, first_published_at__lte=now)
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")
    )


def _items_by_subject(subscriptions, now):
    """{(field, id): [page, ...]} for every subject, since the oldest watermark among its subscribers."""
    oldest = {}
    for subscription in subscriptions:
        key = _subject_key(subscription)
        since = _since(subscription)
        oldest[key] = min(oldest.get(key, since), since)
    found = {}
    for (field, pk), since in oldest.items():
        condition = Q(themes=pk) if field == "theme" else Q(municipality_id=pk)
        pages = _published(LibraryPage, condition, since, now) + _published(EventPage, condition, since, now)
        found[(field, pk)] = sorted(pages, key=lambda page: page.first_published_at, reverse=True)
    return found


def build_email(subscription, pages):
    groups = defaultdict(list)
    for page in pages[:MAX_ITEMS]:
        themes = sorted(theme.name for theme in page.themes.all())
        groups[themes[0] if themes else ""].append(page)
    url = unsubscribe_url(subscription=subscription)
    with translation.override(subscription.language or settings.LANGUAGE_CODE):
        context = {
            "subject": subscription.subject,
            "groups": [
                {
                    "name": name or _("Overig"),
                    "items": [
                        {
                            "title": page.title,
                            "line": one_line(getattr(page, "summary", "") or page.search_description or "")[:300],
                            "url": rebase(page.get_full_url() or "/"),
                        }
                        for page in group
                    ],
                }
                for name, group in sorted(groups.items(), key=lambda g: (g[0] == "", g[0]))
            ],
            "unsubscribe_url": url,
            "subscribe_url": absolute_url(reverse("follows:guest_subscribe")),
        }
        subject = ngettext(
            "%(count)d nieuw bericht over %(subject)s",
            "%(count)d nieuwe berichten over %(subject)s",
            len(pages),
        ) % {"count": len(pages), "subject": subscription.subject.name}
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body=render_to_string("notifications/email/guest_digest.txt", context),
            to=[subscription.email],
            headers=list_unsubscribe_headers(url),
        )
        message.attach_alternative(render_to_string("notifications/email/guest_digest.html", context), "text/html")
    return message


def send_guest_digests(now=None, connection=None):
    """Send the weekly digest to every guest subscription that is due and has news; returns how many."""
    now = now or timezone.now()
    due = list(
        EmailSubscription.objects.filter(
            Q(last_sent__lte=now - INTERVAL) | Q(last_sent__isnull=True, confirmed__lte=now - INTERVAL)
        )
        .select_related("theme", "municipality")
        .order_by("pk")
    )
    if not due:
        return 0
    suppressed = suppressed_among(s.email for s in due)
    due = [subscription for subscription in due if subscription.email.lower() not in suppressed]
    items = _items_by_subject(due, now)
    sent = 0
    connection = connection or get_connection()
    with connection:
        for subscription in due:
            since = _since(subscription)
            pages = [page for page in items[_subject_key(subscription)] if page.first_published_at > since]
            if not pages:
                continue
            # The watermark moves first (and back if sending fails): two runs never both send it.
            if not EmailSubscription.objects.filter(pk=subscription.pk, last_sent=subscription.last_sent).update(
                last_sent=now
            ):
                continue  # another run took this subscription
            try:
                connection.send_messages([build_email(subscription, pages)])
            except Exception:  # the mail server failed: the next run tries again, then re-raise
                EmailSubscription.objects.filter(pk=subscription.pk).update(last_sent=subscription.last_sent)
                raise
            sent += 1
    return sent
