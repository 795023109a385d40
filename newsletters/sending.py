"""Sending a newsletter: the recipients become Delivery rows when sending starts, then tasks send them in
batches. A worker claims a batch; each row goes from pending to sent in one conditional UPDATE before its
email leaves, so two workers, or a worker resumed after a crash, never send one address twice. (A crash
between that UPDATE and the mail server's answer loses that one email rather than repeating it.)"""

import datetime
import logging
import smtplib

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.tasks import task
from follows.unsubscribe import may_send_to

from . import emails
from .models import Delivery, Newsletter
from .recipients import recipients

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# A claim older than this belongs to a worker that died: its rows may be taken by another.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)


class AlreadySent(Exception):
    pass


def start(newsletter):
    """Turns a draft into deliveries and queues the sending; returns how many addresses it goes to."""
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if newsletter.status != Newsletter.Status.DRAFT:
            raise AlreadySent
        rows = [
            Delivery(newsletter=newsletter, email=email, user=user, subscription=subscription)
            for email, user, subscription in recipients(newsletter)
        ]
        Delivery.objects.bulk_create(rows, batch_size=500)
        newsletter.status = Newsletter.Status.SENDING
        newsletter.sending_started = timezone.now()
        newsletter.save(update_fields=["status", "sending_started"])
        transaction.on_commit(lambda: send_newsletter.enqueue(newsletter.pk))
    return len(rows)


def claim(newsletter_id, size=BATCH_SIZE, now=None):
    """Marks up to `size` pending rows as this worker's; rows claimed by another live worker are left alone."""
    now = now or timezone.now()
    with transaction.atomic():
        free = (
            Delivery.objects.pending()
            .filter(newsletter_id=newsletter_id)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        )
        if connection.features.has_select_for_update_skip_locked:
            free = free.select_for_update(skip_locked=True)
        # On SQLite the transaction is IMMEDIATE (settings): it holds the write lock from its start.
        ids = list(free.order_by("pk").values_list("pk", flat=True)[:size])
        Delivery.objects.filter(pk__in=ids).update(claimed_at=now)
    return Delivery.objects.filter(pk__in=ids, claimed_at=now).select_related("user", "subscription").order_by("pk")


def deliver(delivery, newsletter):
    """Sends one claimed row, at most once."""
    if not may_send_to(delivery.email):
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(status=Delivery.Status.SKIPPED)
        return
    taken = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    if not taken:
        return
    try:
        emails.message(newsletter, delivery.email, user=delivery.user, subscription=delivery.subscription).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Newsletter %s not sent to delivery %s", newsletter.pk, delivery.pk)
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, sent_at=None)


def send_batch(newsletter_id, size=BATCH_SIZE, now=None):
    """Claims and sends one batch; returns how many rows it claimed (0: nothing left for this worker)."""
    newsletter = Newsletter.objects.get(pk=newsletter_id)
    batch = list(claim(newsletter_id, size, now))
    for delivery in batch:
        deliver(delivery, newsletter)
    finish_if_done(newsletter)
    return len(batch)


def finish_if_done(newsletter):
    if newsletter.status == Newsletter.Status.SENDING and not newsletter.deliveries.pending().exists():
        Newsletter.objects.filter(pk=newsletter.pk, status=Newsletter.Status.SENDING).update(
            status=Newsletter.Status.SENT, sent=timezone.now()
        )


def resume_all():
    """Queues the sending of every newsletter that is still sending (after a crash or a restart)."""
    ids = list(Newsletter.objects.filter(status=Newsletter.Status.SENDING).values_list("pk", flat=True))
    for pk in ids:
        send_newsletter.enqueue(pk)
    return ids


@task()
def send_newsletter(newsletter_id):
    """Sends batch after batch until no row is free; rows another worker holds are that worker's."""
    try:
        while send_batch(newsletter_id):
            pass
    except Newsletter.DoesNotExist:  # deleted while queued
        return
