"""Reporting an error on a profile and handling the report. Views and the Wagtail admin go through these
functions; each raises CorrectionError with a Dutch message when a rule says no, and then changes nothing."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import mail_people
from core.siteurl import absolute_url
from members.membership import admin_emails, verifier_emails
from members.services import confirm_profile

from .models import ErrorReport


class CorrectionError(Exception):
    """A rule refused the action; str(error) is the Dutch message for the person."""


def report_error(organisation, field_group, text, reporter_email=""):
    """Store the report and tell the organisation's admins, or the editors when it has none."""
    report = ErrorReport.objects.create(
        organisation=organisation, field_group=field_group, text=text, reporter_email=reporter_email
    )
    recipients = admin_emails(organisation)
    url = absolute_url(reverse("corrections:queue", args=[organisation.slug]))
    if not recipients:
        recipients = verifier_emails()
        url = absolute_url(reverse("wagtailsnippets_corrections_errorreport:list"))
    mail_people(
        _("Melding over %(name)s") % {"name": organisation.name},
        "corrections/email/report_received.txt",
        {"report": report, "url": url},
        recipients,
    )
    return report


@transaction.atomic
def close_report(report, user, status, reason=""):
    """Mark an open report fixed (the profile counts as confirmed) or dismissed (with a reason); the reporter,
    if they left an address, hears so and their address is then erased."""
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_open:
        raise CorrectionError(_("Deze melding is al afgehandeld."))
    if status not in (ErrorReport.Status.FIXED, ErrorReport.Status.DISMISSED):
        raise CorrectionError(_("Kies of de melding verbeterd of afgewezen is."))
    reason = (reason or "").strip()
    if status == ErrorReport.Status.DISMISSED and not reason:
        raise CorrectionError(_("Geef een reden waarom u de melding afwijst."))
    report.status = status
    report.reason = reason
    report.handled_by = user
    report.handled = timezone.now()
    if status == ErrorReport.Status.FIXED:
        confirm_profile(report.organisation)
    if report.reporter_email:
        mail_people(
            _("Uw melding over %(name)s") % {"name": report.organisation.name},
            "corrections/email/report_closed.txt",
            {"report": report, "url": absolute_url(report.organisation.get_absolute_url())},
            [report.reporter_email],
        )
    report.reporter_email = ""
    report.save()
    return report


def purge_old_reports():
    """Reporter addresses of reports older than the retention period go, open or not."""
    months = settings.CORRECTIONS_PERSONAL_DATA_RETENTION_MONTHS
    cutoff = timezone.now() - timedelta(days=30 * months)
    count = ErrorReport.objects.filter(created__lt=cutoff).exclude(reporter_email="").update(reporter_email="")
    return _("Foutmeldingen: %(count)d e-mailadressen van melders gewist.") % {"count": count}


def reports_handled_by(user):
    return [
        {
            "organisation": report.organisation.name,
            "status": report.get_status_display(),
            "handled": report.handled.isoformat() if report.handled else None,
        }
        for report in ErrorReport.objects.filter(handled_by=user).select_related("organisation")
    ]
