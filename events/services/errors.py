from django.db import OperationalError
from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    """A rule stops the registration; the message is shown to the person as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class EventBusy(OperationalError):
    """The event's lock stayed taken longer than EVENTS_LOCK_TIMEOUT; the transaction was undone, nothing changed.

    An OperationalError, so that callers outside the registration views (an account erasure, a command) get the
    site's general "busy" page rather than a server error."""

    message = _("Het is nu erg druk; probeer het over een ogenblik opnieuw. Er is niets veranderd.")
    # Seconds after which trying again is likely to work (the Retry-After header).
    retry_after = 5
