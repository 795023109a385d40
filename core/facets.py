"""What a filter sidebar shows: per filter the options, how many results each leaves, and which are chosen."""

from dataclasses import dataclass, field, replace


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
    # Set by shorten(): how many options the short list leaves out, and the links to show all or fewer.
    hidden: int = 0
    more_query: str = ""
    expanded: bool = False
    less_query: str = ""
    # Set by a facet cut to its top values in SQL (FilterSet.top_only): how many options there are in all.
    total: int | None = None


# A long list of options costs page weight and is hard to scan: it shows the values with the most
# results (and every chosen one); "toon meer" is a plain link to the same address with ?meer=<param>.
SHORT_LIST = 8
MORE_PARAM = "meer"


def shorten(facets, query_dict, limit=SHORT_LIST):
    """Cut every facet of more than ``limit`` options to its top values by count, unless it is expanded."""
    expanded = set(query_dict.getlist(MORE_PARAM))
    shortened = []
    for facet in facets:
        facet = replace(facet)
        shortened.append(facet)
        if facet.total is None and len(facet.options) <= limit:
            continue
        query = query_dict.copy()
        query.pop("pagina", None)
        if facet.total is not None:
            # Already cut to the top values by the query; chosen values without results are extra.
            facet.hidden = max(0, facet.total - sum(1 for option in facet.options if option.count))
            if facet.hidden:
                query.setlist(MORE_PARAM, sorted(expanded | {facet.param}))
                facet.more_query = query.urlencode()
            continue
        if facet.param in expanded:
            query.setlist(MORE_PARAM, sorted(expanded - {facet.param}))
            facet.expanded, facet.less_query = True, query.urlencode()
            continue
        ranked = sorted(range(len(facet.options)), key=lambda i: (-facet.options[i].count, i))
        kept = set(ranked[:limit]) | {i for i, option in enumerate(facet.options) if option.selected}
        facet.hidden = len(facet.options) - len(kept)
        facet.options = [option for i, option in enumerate(facet.options) if i in kept]
        query.setlist(MORE_PARAM, sorted(expanded | {facet.param}))
        facet.more_query = query.urlencode()
    return shortened


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
        self.expanded = {param for param in query_dict.getlist(MORE_PARAM) if param in self.params}

    @property
    def active(self):
        return any(self.selected.values())

    @property
    def key(self):
        """The chosen values as text, the same for the same choice in any order (a cache key)."""
        chosen = [f"{param}={value}" for param in sorted(self.selected) for value in sorted(self.selected[param])]
        return "&".join(chosen + [f"{MORE_PARAM}={param}" for param in sorted(self.expanded)])

    def top_only(self, param):
        """Whether a long facet may be counted for its top values only (the page shows no more unless asked)."""
        return param not in self.expanded

    def condition(self, param):
        raise NotImplementedError

    def apply(self, queryset, skip=None):
        """The queryset under every filter but ``skip`` (a facet counts its options without its own filter)."""
        for param in self.params:
            if param != skip:
                queryset = queryset.filter(self.condition(param))
        return queryset
