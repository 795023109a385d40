"""What a visitor typed, as every backend searches it.

``parse`` turns the text into groups, one per word (or per "quoted phrase",
or per run of words that is a synonym term). An item matches a group when it
holds any of the group's alternatives: the word itself, or a synonym or
related term that editors keep (``SynonymGroup``). Items with every group rank
first; items with only some follow, each knowing which groups it lacks.
``-word`` and ``-"a phrase"`` exclude items.

Alternatives are given twice: as Dutch stems (what the database backend
indexes, from ``search.text.analyse``) and as folded words (what
Elasticsearch analyses itself).
"""

import re
from dataclasses import dataclass

from .compounds import split
from .text import STOP_WORDS, WORD, analyse, fold, stem

# Stop here: more words add nothing a person means, and each costs the backends work.
MAX_GROUPS = 8
MAX_EXCLUDED = 4
MAX_ALTERNATIVES = 8
MAX_SYNONYM_WORDS = 3
TOKENS = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Alternative:
    stems: tuple[str, ...]  # all must occur; adjacent and in order when ``phrase``
    text: str  # the folded words
    phrase: bool = False


@dataclass(frozen=True)
class Group:
    label: str  # as typed, for "ontbreekt: ..."
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[Group, ...] = ()
    excluded: tuple[Alternative, ...] = ()

    def __bool__(self):
        return bool(self.groups or self.excluded)

    @property
    def stems(self):
        """Every stem that can match: for highlighting."""
        return {s for group in self.groups for alternative in group.alternatives for s in alternative.stems}

    @property
    def plain_words(self):
        """The single-word groups' own stems in order, for the proximity bonus; None if fewer than two."""
        found = [group.alternatives[0].stems[0] for group in self.groups if len(group.alternatives[0].stems) == 1]
        return found if len(found) >= 2 else None


def _alternative(words, phrase=False):
    meaningful = [word for word in words if word not in STOP_WORDS] or words
    stems = tuple(dict.fromkeys(stem(word) for word in meaningful)) if not phrase else tuple(analyse(" ".join(words)))
    if phrase and not stems:
        stems = tuple(stem(word) for word in words)
    return Alternative(stems=stems, text=" ".join(words), phrase=phrase and len(stems) > 1)


def synonym_table(groups):
    """{stems of a term: its alternatives} from lists of terms that mean the same or are related."""
    table = {}
    for terms in groups:
        alternatives = [_alternative(WORD.findall(fold(term)), phrase=True) for term in terms]
        alternatives = [a for a in alternatives if a.stems]
        for alternative in alternatives:
            others = [other for other in alternatives if other.stems != alternative.stems]
            known = table.setdefault(alternative.stems, [])
            known += [other for other in others if other not in known]
    return table


def parse(text, synonyms=None):
    """The ParsedQuery of ``text``; ``synonyms`` is a ``synonym_table``."""
    synonyms = synonyms or {}
    runs, excluded = [], []  # runs: ("phrase" | "words", [folded words], label of a phrase)
    for match in TOKENS.finditer(text):
        minus, quoted, word_minus, bare = match.groups()
        if quoted is not None:
            found, label, is_phrase, negative = WORD.findall(fold(quoted)), quoted.strip(), True, bool(minus)
        else:
            found, label, is_phrase, negative = WORD.findall(fold(bare)), bare, False, bool(word_minus)
        if not found:
            continue
        if negative:
            excluded.append(_alternative(found, phrase=True))
        elif is_phrase:
            runs.append(("phrase", found, label))
        elif runs and runs[-1][0] == "words":
            runs[-1][1].extend(found)
        else:
            runs.append(("words", list(found), None))
    all_words = [word for _kind, found, _label in runs for word in found]
    only_stop_words = bool(all_words) and all(word in STOP_WORDS for word in all_words)
    groups = []
    for kind, found, label in runs:
        if kind == "phrase":
            alternative = _alternative(found, phrase=True)
            groups.append(Group(label, (alternative, *synonyms.get(alternative.stems, ()))))
            continue
        groups += _word_groups(found, synonyms, keep_stop_words=only_stop_words)
    groups = _distinct(groups)[:MAX_GROUPS]
    excluded = [alternative for alternative in excluded if alternative.stems][:MAX_EXCLUDED]
    return ParsedQuery(tuple(groups), tuple(dict.fromkeys(excluded)))


def _word_groups(found, synonyms, keep_stop_words):
    groups, i = [], 0
    while i < len(found):
        # The longest run of words from here that is a synonym term.
        for size in range(min(MAX_SYNONYM_WORDS, len(found) - i), 0, -1):
            run = found[i : i + size]
            if size > 1 and (run[0] in STOP_WORDS or run[-1] in STOP_WORDS):
                continue
            key = tuple(analyse(" ".join(run))) if size > 1 else (stem(run[0]),)
            if size > 1 and (len(key) < 2 or key not in synonyms):
                continue
            if size == 1 and run[0] in STOP_WORDS and not keep_stop_words:
                break
            own = _alternative(run, phrase=size > 1)
            alternatives = (own, *(a for a in synonyms.get(key, ()) if a != own))
            parts = compound_parts(run[0]) if size == 1 else []
            if parts and not STOP_WORDS.intersection(parts):
                # Query time: a compound also finds its parts written apart ("armoede onder kinderen").
                alternatives += (_alternative(parts),)
            groups.append(Group(" ".join(run), alternatives[:MAX_ALTERNATIVES]))
            i += size - 1
            break
        i += 1
    return groups


def compound_parts(word):
    """The parts of a compound word as separate words, [] for any other word."""
    return [word[start:end] for start, end in split(word)]


def _distinct(groups):
    seen, distinct = set(), []
    for group in groups:
        if group.alternatives[0] not in seen:
            seen.add(group.alternatives[0])
            distinct.append(group)
    return distinct


# Ranking, the same on every backend. Each group an item matches adds GROUP_SCORE, so items with
# more of the query's words always come first; within that, where each group matched counts
# (title above summary above body or file text), never how rare the word is (on a platform about
# debts, "schulden" is in most items and still has to rank a title match first).
GROUP_SCORE = 100.0
FIELD_WEIGHTS = {
    "title": 10.0,
    "summary": 6.0,
    "keywords": 5.0,  # theme, target group and tag names
    "title_parts": 5.0,  # parts of compounds in the title: a whole word ranks above a part
    "body": 3.0,
    "file_text": 2.0,
    "text_parts": 1.5,  # parts of compounds in summary, body and file text
}
PHRASE_BONUS = 4.0  # the query's words side by side, in order
NEAR_BONUS = 2.0  # the query's words close together
# Organisation profiles rank below material that matches as well (they have their own group on the
# page); meetings that are over below everything with as many of the words, wherever those are.
ORGANISATION_PENALTY = 7.5
PAST_EVENT_PENALTY = 40.0
NEAR_DISTANCE = 10
