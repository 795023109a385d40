import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarVersion(models.Model):
    """What attendees' calendars last heard about a meeting: iCalendar's SEQUENCE and the details it covered.

    Kept beside the page rather than on it, so that publishing an older revision never rolls it back."""

    event = models.OneToOneField(
        "events.EventPage", primary_key=True, on_delete=models.CASCADE, related_name="calendar_version"
    )
    sequence = models.PositiveIntegerField(_("volgnummer in agenda's"), default=0)
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("agendaversie")
        verbose_name_plural = _("agendaversies")

    def __str__(self):
        return f"{self.event_id}: {self.sequence}"


def details_signature(event):
    """A fingerprint of what a calendar entry shows."""
    fields = (
        event.title,
        str(event.start.timestamp()),
        str(event.end.timestamp()),
        event.format,
        event.venue_name,
        event.venue_address,
        event.online_url,
    )
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def sequence_of(event):
    """The SEQUENCE attendees' calendars last received for the meeting (0 before the first publication)."""
    try:
        return event.calendar_version.sequence
    except CalendarVersion.DoesNotExist:
        return 0
