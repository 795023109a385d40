"""Two workers sending one newsletter at the same moment, each in its own thread and database connection:
every address gets the newsletter exactly once. On PostgreSQL the workers skip each other's locked rows; on
SQLite the claiming transaction is IMMEDIATE and holds the write lock."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connections

from newsletters import emails, sending
from newsletters.models import Delivery, Newsletter
from tests.conftest import DUMMY_TASK_BACKEND

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 60


def test_two_workers_never_send_one_address_twice(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASK_BACKEND}}  # the two workers below do the sending
    User = get_user_model()
    User.objects.bulk_create([User(email=f"lezer{n}@voorbeeld.nl") for n in range(READERS)])
    newsletter = Newsletter.objects.create(subject="Gelijktijdig")
    assert sending.start(newsletter) == READERS

    real_message = emails.message

    def slow_message(*args, **kwargs):
        time.sleep(0.005)  # a mail server that takes its time: the workers overlap
        return real_message(*args, **kwargs)

    monkeypatch.setattr(emails, "message", slow_message)
    barrier = threading.Barrier(2)
    errors = []
    claimed = {}

    def worker(name):
        try:
            barrier.wait()
            total = 0
            while count := sending.send_batch(newsletter.pk, size=7):
                total += count
            claimed[name] = total
        except Exception as error:  # noqa: BLE001 - every failure is reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sent_to = [message.to[0] for message in mail.outbox]
    assert len(sent_to) == len(set(sent_to)) == READERS
    assert sum(claimed.values()) == READERS  # no row claimed by both
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == READERS
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT
