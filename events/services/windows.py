"""When registering is possible: the registration window of a meeting or series, and how long a visitor's
unconfirmed request stays valid."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.registrations import Registration


def registration_problem(event, now=None):
    """None when registration is open, otherwise the reason in Dutch."""
    now = now or timezone.now()
    if event.is_past(now):
        return _("Deze bijeenkomst is voorbij.")
    if event.has_started(now):
        return _("Deze bijeenkomst is al begonnen; aanmelden kan niet meer.")
    if event.registration_opens and now < event.registration_opens:
        return _("Aanmelden kan vanaf %(date)s.") % {
            "date": timezone.localtime(event.registration_opens).strftime("%d-%m-%Y %H:%M")
        }
    if event.registration_closes and now >= event.registration_closes:
        return _("Het aanmelden voor deze bijeenkomst is gesloten.")
    return None


def series_meetings_open(series, now=None):
    """The meetings a series registration covers: every live one that is open for registration, in order."""
    now = now or timezone.now()
    return [
        meeting for meeting in series.meetings().filter(start__gt=now) if registration_problem(meeting, now) is None
    ]


def series_registration_problem(series, now=None):
    now = now or timezone.now()
    coming = list(series.meetings().filter(start__gt=now))
    if not coming:
        return _("Er zijn geen komende bijeenkomsten in deze reeks.")
    if any(registration_problem(meeting, now) is None for meeting in coming):
        return None
    return registration_problem(coming[0], now)


def confirmation_deadline(now=None):
    """Unconfirmed requests made before this moment have expired."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.EVENTS_CONFIRMATION_HOURS)


def is_expired(registration, now=None):
    return registration.status == Registration.Status.PENDING and registration.created < confirmation_deadline(now)
