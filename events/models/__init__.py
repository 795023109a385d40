from .calendar import CalendarVersion
from .pages import EventIndexPage, EventPage, EventSeriesPage
from .registrations import Registration
from .tables import DialogueTable

__all__ = ["CalendarVersion", "DialogueTable", "EventIndexPage", "EventPage", "EventSeriesPage", "Registration"]
