"""Signals other apps may listen to about meetings, without events knowing who listens."""

from django.dispatch import Signal

# Sent (after the transaction commits) when a published meeting's time, place, format or content changed.
# Arguments: event (the EventPage), sequence (its calendar SEQUENCE after the change, unique per change).
meeting_changed = Signal()
