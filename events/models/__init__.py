from .pages import DialogueTable, EventIndexPage, EventPage, EventSeriesPage
from .registrations import Registration

__all__ = ["DialogueTable", "EventIndexPage", "EventPage", "EventSeriesPage", "Registration"]
