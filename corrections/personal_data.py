"""This app's part of the data export, account erasure and retention purge (core.personal_data).

A report holds the reporter's address only until it is closed or the retention period ends; a member's own
trace is the reports they handled, in the export. Erasing the account empties `handled_by` (SET_NULL)."""

from core import personal_data

from .services import purge_old_reports, reports_handled_by

personal_data.register(
    "corrections",
    export=lambda user: {"error_reports_handled": reports_handled_by(user)},
    purge=purge_old_reports,
)
