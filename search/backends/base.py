"""The one search interface every backend implements.

Content types opt in through small adapters that turn an object into a
``SearchDocument``; a backend indexes those documents and answers a
``SearchQuery`` with ``SearchResults``. Views, the API, the management
commands and the index-update tasks only ever talk to this interface, and one
contract test suite runs against every backend.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

# Facet names as they appear in URLs, the API and SearchQuery.filters.
FACETS = ("type", "theme", "target_group", "municipality", "organisation_kind", "tag", "year")


@dataclass(frozen=True)
class SearchDocument:
    """One public, live item as the index sees it. Taxonomy values are slugs."""

    key: str  # "<app_label>.<model_name>:<pk>", stable across reindexes
    type: str  # "story", "guide", "playbook", "event" or "organisation"
    title: str
    url: str
    summary: str = ""
    body: str = ""
    file_text: str = ""  # text extracted from attached documents
    date: datetime.date | None = None
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    # "formeel" and/or "informeel"; a single kind may be given as a string.
    organisation_kind: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __post_init__(self):
        if isinstance(self.organisation_kind, str):
            object.__setattr__(self, "organisation_kind", (self.organisation_kind,) if self.organisation_kind else ())

    @property
    def keywords(self) -> str:
        """Theme, target group and tag names as words, so that they match as text ("gezinnen met kinderen")."""
        return " ".join(slug.replace("-", " ") for slug in (*self.themes, *self.target_groups, *self.tags))

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def facet_values(self) -> dict[str, tuple[str, ...]]:
        return {
            "type": (self.type,),
            "theme": self.themes,
            "target_group": self.target_groups,
            "municipality": self.municipalities,
            "organisation_kind": self.organisation_kind,
            "tag": self.tags,
            "year": (str(self.year),) if self.year else (),
        }


@dataclass(frozen=True)
class SearchQuery:
    """Values within one facet are alternatives (OR); different facets combine (AND)."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"  # or "date" (newest first)
    offset: int = 0
    limit: int = 10


@dataclass(frozen=True)
class Hit:
    key: str
    type: str
    title: str
    url: str
    snippet: str  # HTML-escaped text in which matched words are wrapped in <mark>
    score: float
    date: datetime.date | None
    themes: tuple[str, ...]
    # The query's words (or phrases) this hit lacks: it matched only some ("ontbreekt: samenwerking").
    missing: tuple[str, ...] = ()
    past: bool = False  # a meeting that is over


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    # Per facet, the counts under all *other* active filters, so that choosing
    # a value never hides the alternatives within the same facet.
    facets: dict[str, list[FacetCount]]
    suggestion: str | None = None  # "bedoelde u ...?" when nothing matched
    # How many of ``total`` hold every word of the query (they come first); None without a text.
    complete: int | None = None


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str = ""  # empty: the suggestion is a query, not a direct link
    kind: str = ""  # "title" (material), "event", "organisation" or "tag"


def suggestion_kind(document_type):
    """How a suggested title is labelled: meetings and organisations by name, everything else as material."""
    return document_type if document_type in ("event", "organisation") else "title"


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace documents (by key)."""

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents; unknown keys are ignored."""

    @abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        """Replace the whole index with these documents, atomically for searchers; returns the count."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults: ...

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]: ...
