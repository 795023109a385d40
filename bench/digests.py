"""Digest benchmark: 10,000 members with three notifications each, sent as weekly digests through a local
SMTP server (aiosmtpd in a thread), the way `send_digests` sends them.

    .venv/bin/python bench/digests.py [--members 10000] [--database-url postgres://.../kennisplatform_bench]

Without --database-url it uses a fresh SQLite file in a temporary folder. Prints how long the send took,
how many emails the SMTP server received and emails per second. Not a timed test: the figure goes in the
README.
"""

import argparse
import datetime
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-digests-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")

    # The SMTP server logs every command at INFO: quiet, so the figure measures sending.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=8025)
    controller.start()

    # Django is set up (and imported) only once the environment above is in place.
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Page

    from core.models import Theme
    from follows.models import NewsKind
    from notifications.delivery import send_due
    from notifications.models import Notification

    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 8025
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    call_command("migrate", verbosity=0)
    User = get_user_model()
    User.objects.bulk_create([User(email=f"bench{i}@example.test") for i in range(args.members)], batch_size=2000)
    themes = [Theme.objects.get_or_create(name=name, slug=name.lower())[0] for name in ("Armoede", "Schulden")]
    root = Page.get_first_root_node()
    pages = [root.add_child(instance=Page(title=f"Verhaal {i}", slug=f"bench-verhaal-{i}")) for i in range(3)]
    users = list(User.objects.filter(email__endswith="@example.test").values_list("pk", flat=True))
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                kind=NewsKind.MATERIAL,
                page=page,
                title=page.title,
                line="Zo werkten we samen tegen armoede.",
                url=f"/{page.slug}/",
                theme=themes[i % 2],
            )
            for user_id in users
            for i, page in enumerate(pages)
        ],
        batch_size=5000,
    )
    started = time.monotonic()
    sent = send_due(timezone.now() + datetime.timedelta(days=8))
    seconds = time.monotonic() - started
    time.sleep(1)
    controller.stop()
    print(f"{sent} digests sent in {seconds:.1f} s ({sent / seconds:.0f}/s); SMTP server received {counter.count}")


if __name__ == "__main__":
    main()
