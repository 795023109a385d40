"""Sets of index entries as Python integers (bit n stands for entry id n), and ranking over them.

A word that is in most items matches most of the index. Scored and counted row by row,
such a search costs time in proportion to the index (hundreds of milliseconds at 50,000
items). As sets, each facet count is one AND and one popcount, and the first page comes
from the few score levels a query can have, read in date order, without scoring each match.
"""

from dataclasses import dataclass, field

from .. import query as parser
from .base import FACETS, FacetCount

# Where a group matched, as parser.FIELD_WEIGHTS counts it on PostgreSQL (see database._pg_texts):
# the title; the summary, keywords or title parts; anything else.
TITLE_WEIGHT = parser.FIELD_WEIGHTS["title"]
HEAD_WEIGHT = parser.FIELD_WEIGHTS["summary"]
REST_WEIGHT = parser.FIELD_WEIGHTS["body"]
# Below this share of the index a set's members are listed and sorted; above it the date order is walked.
SPARSE = 32


def bits(ids):
    """A set of entry ids as one integer."""
    ids = list(ids)
    if not ids:
        return 0
    found = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        found[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(found, "little")


def from_packed(values):
    """The set of ``byte << 8 | bits`` values, one per byte of the set (as PostgreSQL aggregates them)."""
    if not values:
        return 0
    found = bytearray((max(values) >> 8) + 1)
    for value in values:
        found[value >> 8] = value & 255
    return int.from_bytes(found, "little")


def members(value):
    """The ids in a set, ascending."""
    data = value.to_bytes((value.bit_length() + 7) // 8, "little")
    return [index * 8 + bit for index, byte in enumerate(data) if byte for bit in range(8) if byte >> bit & 1]


def contains(value, pk):
    return bool(value >> pk & 1)


def union(sets, facet, values):
    found = 0
    for value in values:
        found |= sets.get(f"{facet}:{value}"[:200], 0)
    return found


def facet_counts(sets, matched, chosen):
    """{facet: [FacetCount]} of the ``matched`` entries; a facet with chosen values counts under the others only.

    ``sets`` maps "facet:value" to its entries, ``chosen`` a filtered facet to the union of its chosen values.
    """

    def under(skip=None):
        result = matched
        for facet, value in chosen.items():
            if facet != skip:
                result &= value
        return result

    everything = under()
    counts = {facet: [] for facet in FACETS}
    bases = {}
    for key, value in sets.items():
        facet, _sep, name = key.partition(":")
        if facet not in counts:
            continue
        if facet not in bases:
            bases[facet] = under(facet) if facet in chosen else everything
        count = (bases[facet] & value).bit_count()
        if count:
            counts[facet].append(FacetCount(name, count))
    return everything, counts


@dataclass
class Ordered:
    """The ids of the index newest first (date descending, undated last, then id descending)."""

    order: list[int]
    position: dict[int, int] = field(init=False)

    def __post_init__(self):
        self.position = {pk: index for index, pk in enumerate(self.order)}

    def first(self, value, skip, count):
        """The ids of ``value`` in this order, from the ``skip``-th on, at most ``count``."""
        if count <= 0 or not value:
            return []
        if value.bit_count() * SPARSE < len(self.order):
            position = self.position
            found = sorted((pk for pk in members(value) if pk in position), key=position.__getitem__)
            return found[skip : skip + count]
        data = value.to_bytes((value.bit_length() + 7) // 8, "little")
        size, found = len(data), []
        for pk in self.order:
            byte = pk >> 3
            if byte < size and data[byte] >> (pk & 7) & 1:
                if skip:
                    skip -= 1
                    continue
                found.append(pk)
                if len(found) == count:
                    break
        return found


@dataclass(frozen=True)
class GroupSets:
    """The entries that hold one group of the query anywhere, in their title, and in the rest of their head."""

    matched: int
    title: int = 0
    head: int = 0  # summary, keywords or title parts (the ranking leaves out those in the title)


def leaves(root, groups, phrase=None, penalties=()):
    """[(score, matched group numbers, entries)]: ``root`` split by where each group matched.

    The score is the one search.query describes: GROUP_SCORE per matched group plus the
    weight of where it matched, PHRASE_BONUS for the entries in ``phrase``, minus the first
    of ``penalties`` ([(entries, points)]) that holds the entry. Empty parts are left out,
    so a query has at most as many leaves as it has matches, and usually a handful.
    """
    found = []

    def finish(current, score, matched):
        parts = [(current, score)]
        if phrase is not None:
            parts = [(current & phrase, score + parser.PHRASE_BONUS), (current & ~phrase, score)]
        for part, part_score in parts:
            for entries, points in penalties:
                if part & entries:
                    found.append((part_score - points, matched, part & entries))
                part &= ~entries
            if part:
                found.append((part_score, matched, part))

    def walk(index, current, score, matched):
        if not current:
            return
        if index == len(groups):
            if matched:
                finish(current, score, matched)
            return
        group = groups[index]
        head = group.head & ~group.title
        rest = group.matched & ~group.title & ~head
        reached = score + parser.GROUP_SCORE
        for part, weight in ((group.title, TITLE_WEIGHT), (head, HEAD_WEIGHT), (rest, REST_WEIGHT)):
            walk(index + 1, current & part, reached + weight, (*matched, index))
        walk(index + 1, current & ~group.matched, score, matched)

    walk(0, root, 0.0, ())
    return found


def ranked_page(found, ordered, offset, limit):
    """[(id, score, matched group numbers)] of the page: highest score first, then newest."""
    levels = {}
    for score, matched, entries in found:
        levels.setdefault(round(score, 6), []).append((matched, entries))
    page, skip = [], offset
    for score in sorted(levels, reverse=True):
        if len(page) >= limit:
            break
        parts = levels[score]
        count = sum(entries.bit_count() for _matched, entries in parts)
        if skip >= count:
            skip -= count
            continue
        level = 0
        for _matched, entries in parts:
            level |= entries
        for pk in ordered.first(level, skip, limit - len(page)):
            matched = next(matched for matched, entries in parts if contains(entries, pk))
            page.append((pk, score, matched))
        skip = 0
    return page
