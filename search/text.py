"""Dutch text handling shared by every backend: folding, stop words, stemming, snippets.

The database backend on SQLite has no Dutch stemmer of its own, so it indexes
and queries the output of ``analyse``. PostgreSQL's "dutch" configuration runs
the same Snowball algorithm ("dutch_porter" here) over the folded text.
"""

import html
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from .compounds import sub_word_spans, sub_words

WORD = re.compile(r"\w+", re.UNICODE)

# The classic Snowball Dutch stemmer, the one PostgreSQL's "dutch" configuration uses.
# (snowballstemmer's newer "dutch" turns "schulden" into "schul" but "schuld" into "schuld".)
_stemmer = snowballstemmer.stemmer("dutch_porter")

# Snowball's Dutch stop word list, folded.
STOP_WORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge
    geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen
    maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen
    toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij
    zijn zo zonder zou
    """.split()
)


def _fold_char(char):
    stripped = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
    return stripped if len(stripped) == 1 else char.lower()[:1] or char


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code):
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text):
    """Casefold and strip accents, keeping every character in its place (so offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def words(text):
    return WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def stem(word):
    return _stemmer.stemWord(word)


def analyse(text):
    """The stems of the meaningful words in ``text``, in order: what gets indexed and matched."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def parts_text(text):
    """The parts of every compound in ``text`` (see search.compounds), space-separated: a parts field's text."""
    return " ".join(part for word in words(text) for part in sub_words(word))


def query_terms(text):
    """Distinct stems of a query, in order; stop words alone still search for themselves."""
    found = words(text)
    meaningful = [word for word in found if word not in STOP_WORDS] or found
    return list(dict.fromkeys(stem(word) for word in meaningful))


def edit_distance(a, b, limit=3):
    """Optimal string alignment distance (a swap of two letters counts as one typo)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return previous[-1]


SNIPPET_LENGTH = 220
SCAN_LIMIT = 300_000  # characters of one field searched for a snippet; file texts can be long


def _matches(text, stems):
    """(start, end) of every word in ``text`` whose stem is one of ``stems``, or of the part of a compound that is."""
    folded = fold(text[:SCAN_LIMIT])
    # Stemming every word of a long file is slow; only words that hold a stem's
    # first letters can match (the stemmer changes at most the tail of a word).
    prefixes = sorted({s[: max(2, len(s) - 1)] for s in stems if s}, key=len, reverse=True)
    if not prefixes:
        return []
    candidates = re.compile(r"\w*(?:" + "|".join(re.escape(p) for p in prefixes) + r")\w*", re.UNICODE)
    found = []
    for m in candidates.finditer(folded):
        word = m.group()
        if stem(word) in stems:
            found.append((m.start(), m.end()))
            continue
        # The longest part of a compound that matches: kinder<mark>armoede</mark>.
        parts = [(e - s, s, e) for s, e in sub_word_spans(word) if stem(word[s:e]) in stems]
        if parts:
            _length, start, end = max(parts)
            found.append((m.start() + start, m.start() + end))
    return found


def _window(text, matches, length):
    if not matches:
        return 0, min(len(text), length)
    # The window that holds the most matches, starting a little before the first of them.
    best_start, best_count = matches[0][0], 0
    for i, (start, _end) in enumerate(matches):
        count = sum(1 for s, _e in matches[i:] if s < start + length)
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - 40)
    space = text.rfind(" ", 0, start + 1) if start else -1
    start = space + 1 if start and space != -1 and best_start - space < 80 else start
    return start, min(len(text), start + length)


def one_line(text):
    """Index text on one line for a snippet: its lines (title, step, publisher, ...) stay apart, not run together."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out = ""
    for line in filter(None, lines):
        out += line if not out else (" " if out[-1] in ".!?:;…" else " · ") + line
    return out


def highlight(fields, terms, length=SNIPPET_LENGTH):
    """An HTML-escaped snippet of the first field in which a term matched, matched words in <mark>.

    ``fields`` are plain texts in order of preference; with no match the first
    non-empty field gives the opening words.
    """
    stems = set(terms)
    fields = [one_line(field) for field in fields if field and field.strip()]
    chosen, matches = (fields[0] if fields else ""), []
    for field in fields:
        found = _matches(field, stems) if stems else []
        if found:
            chosen, matches = field, found
            break
    start, end = _window(chosen, matches, length)
    parts, position = [], start
    for m_start, m_end in matches:
        if m_start < start or m_end > end:
            continue
        parts.append(html.escape(chosen[position:m_start]))
        parts.append(f"<mark>{html.escape(chosen[m_start:m_end])}</mark>")
        position = m_end
    parts.append(html.escape(chosen[position:end]))
    snippet = "".join(parts)
    return ("… " if start > 0 else "") + snippet + (" …" if end < len(chosen) else "")
