"""What the search page tells a visitor besides the ranked list.

Checking what was typed (too long, nothing to search for, only stop words), help when little
is found (the nearest spelling, each word's own count, the finder and the social map), and the
compact group of organisations beside the material. Every function costs a fixed number of
queries, however much is indexed.
"""

import dataclasses
import re
import unicodedata
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from core.taxonomy import Theme

from . import registry, services
from .backends.base import SearchQuery
from .text import STOP_WORDS, fold, words

ORGANISATION = "organisation"  # the type services.organisation_group gathers
# Fewer results than this, or none with every word, and the page offers help.
FEW_RESULTS = 5
# At most this many words get their own count (one backend query each).
MAX_COUNTED_WORDS = 5
ORGANISATION_GROUP_SIZE = 3
# Search filters that the social map knows too, under its own names.
SOCIAL_MAP_PARAMS = {
    "municipality": "gemeente",
    "organisation_kind": "soort",
    "target_group": "doelgroep",
    "theme": "hulp",
}
# Control characters, invisible formatting (zero-width, right-to-left overrides), private and unassigned code points.
_DROPPED = {"Cf", "Cs", "Co", "Cn"}
_TOKEN = re.compile(r"(?<![\w-])-?\w+", re.UNICODE)


@dataclasses.dataclass(frozen=True)
class Entered:
    """The query as typed, made safe to search: what is searched, and what to tell the visitor about it."""

    text: str  # what the search box shows and the backend gets
    cut: bool = False  # longer than MAX_QUERY_LENGTH and cut at a word
    no_words: bool = False  # typed something, but only punctuation, quotes, minus signs or symbols
    only_stop_words: bool = False

    @property
    def searchable(self):
        return "" if self.no_words else self.text


def read_query(raw):
    """Clean a typed query: control and invisible characters out, whitespace collapsed, length capped at a word."""
    kept = []
    for char in raw:
        category = unicodedata.category(char)
        if category == "Cc" or category in ("Zl", "Zp"):
            kept.append(" ")
        elif category not in _DROPPED:
            kept.append(char)
    text = " ".join("".join(kept).split())
    limit = services.MAX_QUERY_LENGTH
    cut = len(text) > limit
    if cut:
        head = text[: limit + 1]
        text = head.rsplit(" ", 1)[0] if " " in head[:limit] else text[:limit]
    found = words(text)
    return Entered(
        text=text,
        cut=cut,
        no_words=bool(text) and not found,
        only_stop_words=bool(found) and all(word in STOP_WORDS for word in found),
    )


def notices(entered):
    """Dutch sentences about the query itself, shown above the results."""
    said = []
    if entered.cut:
        said.append(
            _("Uw zoekopdracht was langer dan %(limit)s tekens. We hebben alleen op het begin gezocht.")
            % {"limit": services.MAX_QUERY_LENGTH}
        )
    if entered.no_words:
        said.append(
            _(
                "Typ een of meer woorden. Alleen leestekens, aanhalingstekens, een minteken of symbolen "
                "zoals emoji kunnen we niet zoeken."
            )
        )
    elif entered.only_stop_words:
        said.append(
            _(
                "“%(text)s” bestaat alleen uit veelvoorkomende woorden zoals “de”, “het” en “een”; daarop "
                "zoeken geeft weinig of niets. Voeg een woord toe dat zegt waar het om gaat, bijvoorbeeld “schulden”."
            )
            % {"text": entered.text}
        )
    return said


# Material and organisations apart


def material_types():
    return tuple(sorted(type_ for type_ in registry.type_labels() if type_ != ORGANISATION))


def splits_organisations(query):
    """The page lists material and groups organisations apart, unless the visitor chose types."""
    return bool(query.text) and not query.filters.get("type")


def material_only(query):
    return dataclasses.replace(query, filters={**query.filters, "type": material_types()})


@dataclasses.dataclass
class OrganisationGroup:
    hits: list
    total: int
    search_url: str  # this search, organisations only
    social_map_url: str


def organisation_group(query, backend, themes):
    """The best matching organisations for the first page, with links to all of them."""
    results = services.organisation_group(
        dataclasses.replace(query, sort="relevance"), backend=backend, limit=ORGANISATION_GROUP_SIZE
    )
    if not results or not results.total:
        return None
    params = [("q", query.text), ("type", ORGANISATION)] + [
        (facet, value) for facet, values in query.filters.items() if facet != "type" for value in values
    ]
    return OrganisationGroup(
        hits=results.hits,
        total=results.total,
        search_url=reverse("search:search") + "?" + urlencode(params),
        social_map_url=social_map_url(query, themes),
    )


# Help when little is found


def matching_theme(text, themes):
    """The theme whose name is the whole query (case and accents ignored), if any."""
    key = fold(text).strip()
    return next((theme for theme in themes if fold(theme.name) == key), None)


def themes_named(text):
    """Themes that could be the query, read in one query: only those whose name starts like it."""
    key = text.strip()
    if not key:
        return []
    return list(Theme.objects.filter(name__istartswith=key[:3]).only("slug", "name"))


def social_map_url(query, themes):
    """The social map filtered like this search: its theme as "hulp", else the words as its text search."""
    theme = matching_theme(query.text, themes)
    params = [("hulp", theme.slug)] if theme else ([("q", query.text)] if query.text else [])
    for facet, name in SOCIAL_MAP_PARAMS.items():
        params += [(name, value) for value in query.filters.get(facet, ()) if (name, value) not in params]
    url = reverse("members:social_map")
    return url + "?" + urlencode(params) if params else url


def finder_url(query, themes):
    """ "Waar kan ik terecht?", with the question and municipality filled in when the search names them."""
    theme = matching_theme(query.text, themes)
    params = [("vraag", theme.slug)] if theme else []
    municipalities = query.filters.get("municipality", ())
    if theme and len(municipalities) == 1:
        params.append(("gemeente", municipalities[0]))
    url = reverse("members:finder")
    return url + "?" + urlencode(params) if params else url


def counted_words(text):
    """The words of a query worth counting on their own: no stop words, no excluded (-word) ones, each once."""
    seen, found = set(), []
    for token in _TOKEN.findall(text):
        key = fold(token)
        if token.startswith("-") or key in STOP_WORDS or key in seen:
            continue
        seen.add(key)
        found.append(token)
    return found[:MAX_COUNTED_WORDS]


@dataclasses.dataclass
class WordCount:
    word: str
    count: int
    url: str


@dataclasses.dataclass
class Help:
    suggestion: str | None
    suggestion_url: str | None
    word_counts: list
    finder_url: str
    social_map_url: str


def needs_help(total, results):
    """Few results, or few that have every word of the query (the rest are partial matches)."""
    return total < FEW_RESULTS or (results.complete is not None and results.complete < FEW_RESULTS)


def search_url(text, query):
    params = [("q", text)] + [(facet, value) for facet, values in query.filters.items() for value in values]
    if query.sort != "relevance":
        params.append(("sort", query.sort))
    return reverse("search:search") + "?" + urlencode(params)


def little_found_help(query, results, backend, themes, fallback=None):
    """The nearest spelling, each word's own count (under the same filters) and where else to look."""
    counts, replacements = [], {}
    tokens = counted_words(query.text)
    if len(tokens) > 1:
        for token in tokens:
            found = backend.search(SearchQuery(text=token, filters=query.filters, limit=1))
            counts.append(WordCount(token, found.total, search_url(token, query)))
            if not found.total and found.suggestion:
                replacements[token] = found.suggestion
    suggestion = results.suggestion if results.suggestion and results.suggestion != fallback else None
    if suggestion is None and replacements:
        suggestion = query.text
        for token, replacement in replacements.items():
            suggestion = re.sub(rf"(?<![\w-]){re.escape(token)}(?!\w)", lambda _match, r=replacement: r, suggestion)
    return Help(
        suggestion=suggestion,
        suggestion_url=search_url(suggestion, query) if suggestion else None,
        word_counts=counts,
        finder_url=finder_url(query, themes),
        social_map_url=social_map_url(query, themes),
    )


def beside_the_results(query, searched_text, results, split, fallback=None):
    """The first page's organisation group (when the list holds material only) and help (when little is found).

    ``searched_text`` is what was searched: the query's text, or its nearest spelling when that found nothing.
    Either may be None; a backend failure here leaves the results standing without them.
    """
    searched = dataclasses.replace(query, text=searched_text)
    themes = themes_named(searched_text)
    backend = services.get_backend()
    group = help_ = None
    try:
        if split:
            group = organisation_group(searched, backend, themes)
        if needs_help(results.total + (group.total if group else 0), results):
            help_ = little_found_help(searched, results, backend, themes, fallback=fallback)
    except Exception:  # noqa: BLE001  (the results are there; the extras may be missing in an outage)
        services.logger.exception("Search help failed.")
    return group, help_
