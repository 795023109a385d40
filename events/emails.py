"""Emails to people who register: always in Dutch, with the event's .ics attached where it helps."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.siteurl import absolute_url
from core.tasks import task
from core.text import one_line

from .ics import calendar_bytes
from .models.registrations import Registration
from .tokens import cancel_token, confirm_token

SUBJECTS = {
    "confirm_request": _("Bevestig uw aanmelding: %(title)s"),
    "confirmed": _("U bent aangemeld: %(title)s"),
    "series": _("U bent aangemeld: %(title)s"),
    "waiting": _("U staat op de wachtlijst: %(title)s"),
    "promoted": _("Er is een plaats vrij: u bent aangemeld voor %(title)s"),
    "cancelled": _("Afgemeld: %(title)s"),
    "reminder": _("Herinnering: %(title)s"),
    "changed": _("Gewijzigd: %(title)s"),
    "called_off": _("Gaat niet door: %(title)s"),
    "already": _("U was al aangemeld: %(title)s"),
}
# Kinds that are about a whole series registration: the request to confirm it and its confirmation.
SERIES_KINDS = {"confirm_request", "series"}
# Kinds where the attendee holds a seat get the calendar file (with the online link).
WITH_CALENDAR = {"confirmed", "series", "promoted", "reminder", "changed"}
# Kinds that take the meetings out of the attendee's calendar (METHOD:CANCEL).
CANCELLING = {"cancelled", "called_off"}


@task()
def send_registration_email(registration_ids, kind):
    registrations = list(
        Registration.objects.filter(pk__in=registration_ids)
        .select_related("event__calendar_version", "table")
        .order_by("event__start")
    )
    registrations = [r for r in registrations if r.email]
    if not registrations:
        return
    first = registrations[0]
    # The series names the email only when it is about the series as a whole; a reminder, a promotion or a
    # cancellation of one meeting names that meeting.
    about_series = first.series_key and (kind in SERIES_KINDS or len(registrations) > 1)
    series = first.event.series if about_series else None
    title = series.title if series else first.event.title
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "kind": kind,
            "registrations": registrations,
            "registration": first,
            "event": first.event,
            "series": series,
            # Before confirmation the name is the sender's word, not the address owner's: no greeting by name.
            "name": "" if kind == "confirm_request" else first.name,
            "event_url": (series or first.event).get_full_url(),
            "confirm_url": absolute_url(reverse("events:confirm", args=[confirm_token(first)])),
            "cancel_url": absolute_url(reverse("events:cancel", args=[cancel_token(first)])),
            "confirmation_hours": settings.EVENTS_CONFIRMATION_HOURS,
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(str(SUBJECTS[kind]) % {"title": title})
        body = render_to_string("events/email/registration.txt", context)
        message = EmailMessage(subject, body, None, [first.email])
        seated = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
        if kind in WITH_CALENDAR and seated:
            message.attach(
                "bijeenkomst.ics",
                calendar_bytes([r.event for r in seated], title, for_attendee=True),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
        elif kind in CANCELLING:
            message.attach(
                "afmelding.ics",
                calendar_bytes([r.event for r in registrations], title, for_attendee=True, cancelled=True),
                "text/calendar; charset=utf-8; method=CANCEL",
            )
        message.send()
