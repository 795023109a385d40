"""What a filter sidebar shows: per filter the options, how many results each leaves, and which are chosen."""

from dataclasses import dataclass, field


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list = field(default_factory=list)


class FilterSet:
    """Filters read from the query string: any values per parameter (OR), parameters combined (AND).

    Subclasses name their ``params`` and give the ``condition`` of each; they may drop invalid
    values from ``selected`` after ``__init__``.
    """

    params = {}
    max_values = 20

    def __init__(self, query_dict):
        # A NUL character matches nothing and PostgreSQL refuses it in a text parameter; the middleware
        # refuses it in requests, this keeps every other caller (commands, tests) safe too.
        self.selected = {
            param: [v for v in query_dict.getlist(param) if v and "\x00" not in v][: self.max_values]
            for param in self.params
        }

    @property
    def active(self):
        return any(self.selected.values())

    def condition(self, param):
        raise NotImplementedError

    def apply(self, queryset, skip=None):
        """The queryset under every filter but ``skip`` (a facet counts its options without its own filter)."""
        for param in self.params:
            if param != skip:
                queryset = queryset.filter(self.condition(param))
        return queryset
