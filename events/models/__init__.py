from .calendar import CalendarVersion
from .pages import DialogueTable, EventIndexPage, EventPage, EventSeriesPage
from .registrations import Registration

__all__ = ["CalendarVersion", "DialogueTable", "EventIndexPage", "EventPage", "EventSeriesPage", "Registration"]
