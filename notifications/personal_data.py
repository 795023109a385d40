"""Notifications are personal data: in the export, gone with the account, read ones purged after a while."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from core import personal_data

from .models import Notification


def export(user):
    return {
        "notifications": [
            {
                "title": n.title,
                "url": n.url,
                "kind": n.kind,
                "created": n.created.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
                "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created")
        ]
    }


def erase(user):
    Notification.objects.filter(recipient=user).delete()


def purge():
    cutoff = timezone.now() - datetime.timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    count, _details = Notification.objects.filter(read_at__lt=cutoff).delete()
    return ngettext("%(count)d gelezen melding verwijderd.", "%(count)d gelezen meldingen verwijderd.", count) % {
        "count": count
    }


personal_data.register("notifications", export=export, erase=erase, purge=purge)
