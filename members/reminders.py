"""Profiles not confirmed for a year: their admins are asked to check them, once per stale period."""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.siteurl import absolute_url
from core.text import one_line

from .models import Membership, Organisation
from .models.organisations import STALE_AFTER


def stale_organisations(today=None):
    today = today or timezone.localdate()
    cutoff = today - STALE_AFTER
    # Remind once per stale period: not again until the profile is confirmed and goes stale again.
    return (
        Organisation.objects.public()
        .filter(last_confirmed__lt=cutoff)
        .filter(Q(reminder_sent__isnull=True) | Q(reminder_sent__lt=F("last_confirmed")))
    )


def send_profile_reminders(today=None):
    """Email the admins of every stale profile; returns the number of organisations reminded."""
    today = today or timezone.localdate()
    reminded = 0
    for organisation in stale_organisations(today).prefetch_related("memberships__user"):
        admins = [
            membership.user.email
            for membership in organisation.memberships.all()
            if membership.role == Membership.Role.ADMIN and membership.user.is_active
        ]
        if not admins:
            continue
        body = render_to_string(
            "members/email/profile_reminder.txt",
            # The edit page, where admins change or confirm the profile; the public page has no button for that.
            {
                "organisation": organisation,
                "url": absolute_url(reverse("members:edit_organisation", args=[organisation.slug])),
            },
        )
        send_mail(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + one_line(_("Klopt het profiel van %(name)s nog?") % {"name": organisation.name}),
            body,
            None,
            admins,
        )
        Organisation.objects.filter(pk=organisation.pk).update(reminder_sent=today)
        reminded += 1
    return reminded
