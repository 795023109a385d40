"""Email about notifications: at once, or grouped in a daily or weekly digest, as each member chose per kind.

A send run claims its rows with one UPDATE ... WHERE emailed_at IS NULL and a fresh claim id, then reads back
only the rows that carry its id: two runs at the same time (cron and a task, or two workers) never both get
the same row, on PostgreSQL and on SQLite alike. A failed send hands its rows back for the next run."""

import datetime
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.siteurl import absolute_url
from core.tasks import task
from follows.models import DEFAULT_FREQUENCY, DeliveryPreference, Frequency, NewsKind
from follows.unsubscribe import list_unsubscribe_headers, suppressed_among, unsubscribe_url

from .guest_digests import send_guest_digests
from .models import Notification

SETTINGS_PATH = "/account/volgen/"
BATCH = 200


def digest_cutoffs(now):
    """The last moment the daily and the weekly digest became due: news from before it goes out now."""
    local = timezone.localtime(now)
    daily = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if daily > local:
        daily -= datetime.timedelta(days=1)
    weekly = daily - datetime.timedelta(days=(daily.weekday() - settings.DIGEST_WEEKDAY) % 7)
    return daily, weekly


def _frequencies(user_ids):
    """{(user_id, kind): frequency} for every user and kind, with the defaults filled in."""
    chosen = {
        (p.user_id, p.kind): p.frequency
        for p in DeliveryPreference.objects.filter(user_id__in=user_ids).only("user_id", "kind", "frequency")
    }
    return {
        (user_id, kind): chosen.get((user_id, kind), DEFAULT_FREQUENCY[kind])
        for user_id in user_ids
        for kind in NewsKind.values
    }


def _due(frequency, created, now, cutoffs):
    daily, weekly = cutoffs
    if frequency == Frequency.IMMEDIATELY:
        return True
    if frequency == Frequency.DAILY:
        return created < daily
    if frequency == Frequency.WEEKLY:
        return created < weekly
    return False


def _claim(ids, now):
    token = uuid.uuid4()
    Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now, claim=token)
    return token


def send_due(now=None, *, immediate_only=False, connection=None):
    """Send every email that is due now; returns the number of emails sent. Safe to run again (and at once)."""
    now = now or timezone.now()
    cutoffs = digest_cutoffs(now)
    user_ids = list(
        Notification.objects.filter(emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    sent = 0
    connection = connection or get_connection()
    with connection:
        for start in range(0, len(user_ids), BATCH):
            chunk = user_ids[start : start + BATCH]
            frequencies = _frequencies(chunk)
            pending = Notification.objects.filter(recipient_id__in=chunk, emailed_at__isnull=True).values_list(
                "pk", "recipient_id", "kind", "created"
            )
            due, skipped = [], []
            for pk, user_id, kind, created in pending:
                frequency = frequencies[(user_id, kind)]
                if frequency == Frequency.NEVER:
                    skipped.append(pk)
                elif (not immediate_only or frequency == Frequency.IMMEDIATELY) and _due(
                    frequency, created, now, cutoffs
                ):
                    due.append(pk)
            # Never by email: marked as handled so no run looks at them again (they stay under the bell).
            if skipped:
                Notification.objects.filter(pk__in=skipped, emailed_at__isnull=True).update(emailed_at=now)
            if not due:
                continue
            token = _claim(due, now)
            claimed = defaultdict(list)
            for notification in Notification.objects.filter(claim=token).select_related("theme", "recipient"):
                claimed[notification.recipient].append(notification)
            sent += _send_batch(claimed, frequencies, connection)
    return sent


def _send_batch(claimed, frequencies, connection):
    users = list(claimed)
    suppressed = suppressed_among(u.email for u in users)
    # Access re-checked now: a page withdrawn or closed since the news was made is left out.
    visible = set(
        Notification.objects.filter(pk__in=[n.pk for ns in claimed.values() for n in ns])
        .visible()
        .values_list("pk", flat=True)
    )
    messages, sent_rows = [], []
    for user in users:
        items = [n for n in claimed[user] if n.pk in visible]
        if not items or not user.is_active or not user.email or user.email.lower() in suppressed:
            continue
        messages.append(build_email(user, items))
        sent_rows.extend(n.pk for n in items)
    if not messages:
        return 0
    try:
        connection.send_messages(messages)
    except Exception:  # any mail failure: hand the rows back so the next run tries again, then re-raise
        Notification.objects.filter(pk__in=sent_rows).update(emailed_at=None, claim=None)
        raise
    return len(messages)


def build_email(user, items):
    """One email for one member: the items grouped by theme, title, one line and link each; text and HTML."""
    groups = defaultdict(list)
    for item in items:
        groups[item.theme.name if item.theme else ""].append(item)
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        themed = [
            {
                "name": name or _("Overig"),
                "items": [{"title": i.title, "line": i.line, "url": absolute_url(i.url)} for i in group],
            }
            for name, group in sorted(groups.items(), key=lambda g: (g[0] == "", g[0]))
        ]
        context = {
            "user": user,
            "groups": themed,
            "settings_url": absolute_url(SETTINGS_PATH),
            "notifications_url": absolute_url("/account/meldingen/"),
            "unsubscribe_url": unsubscribe_link(user, items),
        }
        if len(items) == 1 and items[0].kind == NewsKind.MEETING_CHANGE:
            subject = _("Gewijzigd: %(title)s") % {"title": items[0].title}
        elif len(items) == 1:
            subject = _("Nieuw op het Kennisplatform: %(title)s") % {"title": items[0].title}
        else:
            subject = ngettext(
                "%(count)d nieuw bericht op het Kennisplatform",
                "%(count)d nieuwe berichten op het Kennisplatform",
                len(items),
            ) % {"count": len(items)}
        text = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[user.email], headers=list_unsubscribe_headers(context["unsubscribe_url"])
    )
    message.attach_alternative(html, "text/html")
    return message


def unsubscribe_link(user, items):
    """One click stops this kind of news by email (all email when the message holds several kinds)."""
    kinds = {item.kind for item in items}
    return unsubscribe_url(user=user, kind=kinds.pop() if len(kinds) == 1 else None)


@task()
def send_immediate():
    return send_due(immediate_only=True)


@task()
def send_digests_task():
    return send_due() + send_guest_digests()
