"""The events' business processes, one module per concern; views, admin hooks, signals and commands call these.

windows        when registering is possible (registration window, expiry of unconfirmed requests)
registration   registering for a meeting or a series (RegistrationRequest: who registers, with what)
confirmation   a visitor confirming through the emailed link
waiting_list   seat or waiting list, promotion when seats come free, changing the capacity
cancellation   cancelling, which promotes from the waiting list
seats          counting taken and free seats (the one source for pages, forms and decisions)
locking        the per-event row lock and its timeout (EventBusy)
organisers     attendee list, spreadsheet, counts, checking in
notifications  which email, sent after commit
reminders      reminders before a meeting
calendar       calendar versions: updates and cancellations for attendees' calendars
accounts       what members' pages show: own registrations, an organisation's meetings
retention      personal data: export, erasure, purge after the retention period

The names below are the package's public interface.
"""

from ..tokens import CANCEL_SALT, CONFIRM_SALT, cancel_token, confirm_token, registration_from_token
from .accounts import claim_guest_registrations, events_for_organisation, registrations_for_user
from .cancellation import cancel, cancel_problem, only_rest_of_series
from .confirmation import confirm
from .errors import EventBusy, RegistrationError
from .locking import lock_event
from .organisers import attendance_counts, attendee_rows, can_manage, set_checked_in, write_attendees_csv
from .registration import RegistrationRequest, register, register_for_series
from .reminders import send_reminders
from .retention import erase_for_user, personal_data, purge_personal_data
from .seats import free_seats, seat_counts, seat_summary
from .waiting_list import promote_waiting_list, set_capacity
from .windows import registration_problem, series_meetings_open, series_registration_problem

__all__ = [
    "CANCEL_SALT",
    "CONFIRM_SALT",
    "EventBusy",
    "RegistrationError",
    "RegistrationRequest",
    "attendance_counts",
    "attendee_rows",
    "can_manage",
    "cancel",
    "cancel_problem",
    "cancel_token",
    "claim_guest_registrations",
    "confirm",
    "confirm_token",
    "erase_for_user",
    "events_for_organisation",
    "free_seats",
    "lock_event",
    "only_rest_of_series",
    "personal_data",
    "promote_waiting_list",
    "purge_personal_data",
    "register",
    "register_for_series",
    "registration_from_token",
    "registration_problem",
    "registrations_for_user",
    "seat_counts",
    "seat_summary",
    "send_reminders",
    "series_meetings_open",
    "series_registration_problem",
    "set_capacity",
    "set_checked_in",
    "write_attendees_csv",
]
