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
