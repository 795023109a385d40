"""Which models are searchable, and how each turns into a SearchDocument.

An app opts in with a ``search_index.py`` that registers an adapter::

    @register
    class StoryAdapter(SearchAdapter):
        model = StoryPage
        type = "story"
        label = _("Praktijkverhaal")

        def queryset(self):
            return visible_pages(StoryPage)

        def to_document(self, obj):
            return SearchDocument(key=self.key(obj), type=self.type, title=obj.title, url=obj.url)

        # Saving or deleting one of these re-indexes the returned objects.
        triggers = {"core.Theme": lambda theme: theme.library_pages.all()}

Wagtail pages are followed through publish, unpublish, move, delete and
privacy changes; other models on every save and delete. Adapters for the
same type may repeat; the type's label is taken from the first.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

_adapters = {}


class SearchAdapter:
    model = None
    type = ""
    label = ""
    # "<app_label>.<ModelName>" -> function(instance) returning objects of ``model`` (or their pks).
    triggers = {}
    # Labels of the values of a facet this app fills, e.g. {"organisation_kind": Organisation.Kind.choices}.
    facet_labels = {}

    def queryset(self):
        """Every public, live object of ``model``; ``to_document`` is only called on these."""
        raise NotImplementedError

    def to_document(self, obj):
        raise NotImplementedError

    def index_queryset(self):
        """``queryset()`` with what ``to_document`` needs loaded in a constant number of queries."""
        return self.queryset()

    @classmethod
    def key(cls, obj_or_pk):
        pk = getattr(obj_or_pk, "pk", obj_or_pk)
        return f"{cls.model._meta.label_lower}:{pk}"


def visible_pages(model):
    """Live, public pages of ``model``, without those past their expiry date.

    Wagtail's ``publish_scheduled`` (cron) unpublishes expired pages, which
    removes them from the index; until it runs, a sync or rebuild leaves them out.
    """
    return model.objects.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def register(adapter_class):
    adapter = adapter_class()
    _adapters[adapter.model._meta.label_lower] = adapter
    return adapter_class


def adapters():
    return list(_adapters.values())


def adapter_for_model(model):
    """The adapter of ``model`` itself; a base class's adapter does not cover subclasses."""
    return _adapters.get(model._meta.label_lower)


def adapter_for_key(key):
    return _adapters.get(key.split(":", 1)[0])


def type_labels():
    labels = {}
    for adapter in _adapters.values():
        labels.setdefault(adapter.type, adapter.label)
    return labels


def facet_labels():
    """{facet: {value: label}} from every adapter's ``facet_labels``."""
    labels = {}
    for adapter in _adapters.values():
        for facet, choices in adapter.facet_labels.items():
            labels.setdefault(facet, {}).update(dict(choices))
    return labels


def triggers():
    """(trigger model, adapter, function) for every declared trigger; a shared one (inherited) once."""
    seen = set()
    for adapter in _adapters.values():
        for label, function in adapter.triggers.items():
            if (label, function) not in seen:
                seen.add((label, function))
                yield apps.get_model(label), adapter, function
