"""Tools for a meeting's organisers: the attendee list (on screen and as a spreadsheet), counts, checking in."""

import csv

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.registrations import Registration
from ..models.tables import DialogueTable

Status = Registration.Status


def can_manage(user, event):
    """Organisers of the event and whoever may edit its page in the Wagtail admin see the attendees."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # The saved organisers decide, also when `event` is a preview with an unsaved list in memory.
    if user.organised_events.filter(pk=event.pk).exists():
        return True
    return event.permissions_for_user(user).can_edit()


def attendee_rows(event, query=""):
    """Everyone active for the event, confirmed first, then the waiting list in order, then pending requests;
    with a query, only those whose name, address or organisation contains it."""
    rows = list(
        Registration.objects.filter(event=event)
        .active()
        .select_related("table", "organisation")
        .order_by("status", "queued_at", "pk")
    )
    order = {Status.CONFIRMED: 0, Status.WAITING: 1, Status.PENDING: 2}
    rows.sort(key=lambda r: (order[r.status], r.queued_at or r.created, r.pk))
    position = 0
    for row in rows:
        if row.status == Status.WAITING:
            position += 1
            row.waiting_position = position
        else:
            row.waiting_position = None
    if query := query.strip().lower():
        rows = [
            row
            for row in rows
            if query in row.name.lower() or query in row.email.lower() or query in row.organisation_name.lower()
        ]
    return rows


def _csv_cell(value):
    # A cell starting with these would run as a formula in a spreadsheet.
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_attendees_csv(event, out):
    """The attendee list as a spreadsheet (semicolons, UTF-8 with a byte-order mark) written to out."""
    out.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Naam"),
            _("E-mailadres"),
            _("Organisatie"),
            _("Soort organisatie"),
            _("Dialoogtafel"),
            _("Status"),
            _("Plaats op de wachtlijst"),
            _("Opmerking"),
            _("Aangemeld op"),
            _("Aanwezig"),
        ]
    )
    for row in attendee_rows(event):
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    row.name,
                    row.email,
                    row.organisation_name,
                    row.get_organisation_kind_display(),
                    row.table.topic if row.table else "",
                    row.get_status_display(),
                    row.waiting_position or "",
                    row.note,
                    timezone.localtime(row.created).strftime("%d-%m-%Y %H:%M"),
                    _("ja") if row.checked_in_at else "",
                )
            ]
        )


def attendance_counts(event):
    """Anonymous counts: they stay correct after the personal data has been erased."""
    registrations = Registration.objects.filter(event=event)
    totals = registrations.aggregate(
        registered=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        attended=Count("pk", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        formal=Count("pk", filter=Q(status=Status.CONFIRMED, organisation_kind=Registration.OrganisationKind.FORMAL)),
        informal=Count(
            "pk", filter=Q(status=Status.CONFIRMED, organisation_kind=Registration.OrganisationKind.INFORMAL)
        ),
        unknown_kind=Count("pk", filter=Q(status=Status.CONFIRMED, organisation_kind="")),
    )
    tables = (
        DialogueTable.objects.filter(event=event)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            attended=Count(
                "registrations",
                filter=Q(registrations__status=Status.CONFIRMED, registrations__checked_in_at__isnull=False),
            ),
        )
        .order_by("sort_order", "pk")
    )
    totals["tables"] = list(tables)
    return totals


def set_checked_in(event, registration_id, present, now=None):
    """Mark a confirmed attendee present (or not). Returns the registration, or None if it is not on the list."""
    registration = Registration.objects.filter(event=event, pk=registration_id, status=Status.CONFIRMED).first()
    if registration is None:
        return None
    registration.checked_in_at = (now or timezone.now()) if present else None
    registration.save(update_fields=["checked_in_at"])
    return registration
