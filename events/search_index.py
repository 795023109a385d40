"""Meetings in site search (see search/registry.py). The online link is for attendees only and never indexed."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.backends.base import SearchDocument
from search.plain import join, stream_text
from search.registry import SearchAdapter, register, visible_pages

from .models import EventPage


@register
class EventAdapter(SearchAdapter):
    model = EventPage
    type = "event"
    label = _("Bijeenkomst")
    triggers = {
        "core.Theme": lambda theme: theme.events.all(),
        "core.TargetGroup": lambda group: group.events.all(),
        "core.Municipality": lambda municipality: EventPage.objects.filter(municipality=municipality),
        "members.Organisation": lambda organisation: organisation.organised_events.all(),
    }

    def queryset(self):
        return visible_pages(EventPage)

    def index_queryset(self):
        return (
            self.queryset()
            .select_related("municipality", "organising_organisation")
            .prefetch_related("themes", "target_groups", "tables")
        )

    def to_document(self, event):
        organisation = event.organising_organisation
        if organisation is not None and not organisation.is_public:
            organisation = None
        tables = [join(table.topic, table.host, table.description) for table in event.tables.all()]
        return SearchDocument(
            key=self.key(event),
            type=self.type,
            title=event.title,
            url=event.get_url() or "",
            summary=event.summary,
            body=join(
                stream_text(event.programme),
                *tables,
                event.venue_name,
                event.costs,
                event.accessibility,
                organisation.name if organisation else "",
            ),
            date=timezone.localdate(event.start),
            themes=tuple(sorted(theme.slug for theme in event.themes.all())),
            target_groups=tuple(sorted(group.slug for group in event.target_groups.all())),
            municipalities=(event.municipality.slug,) if event.municipality else (),
            organisation_kind=organisation.kind if organisation else "",
        )
