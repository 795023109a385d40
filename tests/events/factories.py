import datetime

import factory
from django.utils import timezone

from events.models import DialogueTable, EventIndexPage, EventPage, EventSeriesPage, Registration
from home.models import HomePage
from tests.factories import PageFactory, UserFactory


def agenda():
    index = EventIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
        index.save_revision().publish()
    return index


def in_days(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(PageFactory):
    """An upcoming in-person event under the agenda. Pass tables=[(topic, capacity), ...], themes=[...],
    target_groups=[...]."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    summary = "Elkaar leren kennen."
    start = factory.LazyFunction(lambda: in_days(10, 19))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    venue_name = "Buurthuis De Kring"
    venue_address = "Dorpsstraat 1, Almere"
    capacity = 20

    @classmethod
    def _create(cls, model_class, parent=None, tables=(), themes=(), organisers=(), target_groups=(), **kwargs):
        event = model_class(**kwargs)
        event.themes = list(themes)
        event.target_groups = list(target_groups)
        event.organisers = list(organisers)
        event.tables = [
            DialogueTable(topic=topic, capacity=capacity, sort_order=i) for i, (topic, capacity) in enumerate(tables)
        ]
        (parent or agenda()).add_child(instance=event)
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)


class EventSeriesPageFactory(PageFactory):
    class Meta:
        model = EventSeriesPage

    title = factory.Sequence(lambda n: f"Reeks {n}")
    registration_mode = EventSeriesPage.RegistrationMode.SERIES

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        return super()._create(model_class, parent=parent or agenda(), **kwargs)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration written directly, bypassing the rules: for arranging a situation."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@voorbeeld.nl")
    status = Registration.Status.CONFIRMED


__all__ = ["EventPageFactory", "EventSeriesPageFactory", "RegistrationFactory", "UserFactory", "agenda", "in_days"]
