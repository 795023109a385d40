"""Dutch compound words split into their parts, so that a part finds the compound.

Dutch writes compounds as one word ("kinderarmoede", "schuldhulpverlening"),
so a visitor searching ``armoede`` or ``schuldhulp`` would miss them. Every
backend indexes, beside the words themselves, the parts of each compound and
each run of neighbouring parts ("schuld", "hulp", "verlening", "schuldhulp",
"hulpverlening"), in a field of its own that weighs less than whole words.

The parts come from the Dutch word-frequency list of the ``wordfreq`` package
(about 300,000 words from subtitles, Wikipedia, news and web text): a split is
taken when its parts are known words and, together, more common than the
compound itself (Koehn and Knight's frequency method), so that ordinary words
such as "verlening" are not cut into rarer pieces ("ver" + "lening").
"""

from functools import lru_cache

import wordfreq

MIN_PART = 4  # shorter "parts" (ver, aan, oor) are mostly accidents of spelling
MIN_WORD = 2 * MIN_PART
MAX_PARTS = 4
# Rarer entries of the list are mostly names, typos and foreign words.
MIN_FREQUENCY = 2e-7
# Linking sounds between the parts: vertrouwen-s-persoon, boek-en-kast, ...
LINKS = ("", "s", "en", "e")


@lru_cache(maxsize=1)
def _frequencies():
    return {
        word: frequency
        for word, frequency in wordfreq.get_frequency_dict("nl", wordlist="large").items()
        if frequency >= MIN_FREQUENCY and word.isalpha()
    }


def frequency(word):
    return _frequencies().get(word, 0.0)


@lru_cache(maxsize=65536)
def _best_split(word, max_parts=MAX_PARTS):
    """(score, spans) of the most likely split of a folded word into known words, or None.

    Spans are (start, end) in ``word``; a linking sound between two parts belongs to neither.
    """
    if max_parts < 2 or len(word) < MIN_WORD:
        return None
    best = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head_frequency = frequency(word[:cut])
        if not head_frequency:
            continue
        for link in LINKS:
            rest_start = cut + len(link)
            if len(word) - rest_start < MIN_PART or word[cut:rest_start] != link:
                continue
            rest = word[rest_start:]
            options = []
            if frequency(rest):
                options.append((frequency(rest), [(0, len(rest))]))
            deeper = _best_split(rest, max_parts - 1)
            if deeper:
                options.append(deeper)
            for rest_score, rest_spans in options:
                count = len(rest_spans) + 1
                # Geometric mean of the parts' frequencies.
                score = (head_frequency * rest_score ** (count - 1)) ** (1 / count)
                if best is None or score > best[0]:
                    best = (score, [(0, cut)] + [(rest_start + s, rest_start + e) for s, e in rest_spans])
    return best


@lru_cache(maxsize=65536)
def split(word):
    """The (start, end) spans of the parts of a word (folded: lower case, no accents); () when it is not a compound."""
    found = _best_split(word)
    if found is None or found[0] <= frequency(word):
        return ()
    # A part that is a compound itself is split too: schuld + hulpverlening -> schuld + hulp + verlening.
    spans = []
    for start, end in found[1]:
        inner = split(word[start:end])
        spans += [(start + s, start + e) for s, e in inner] if inner else [(start, end)]
    return tuple(spans[:MAX_PARTS]) if len(spans) <= MAX_PARTS else tuple(found[1])


def sub_words(word):
    """The parts of a compound and every run of neighbouring parts short of the whole word."""
    spans = split(word)
    runs = []
    for first in range(len(spans)):
        for last in range(first, len(spans)):
            if (first, last) != (0, len(spans) - 1):
                runs.append(word[spans[first][0] : spans[last][1]])
    return runs


def sub_word_spans(word):
    """(start, end) of every run that ``sub_words`` returns, in the same order."""
    spans = split(word)
    return [
        (spans[first][0], spans[last][1])
        for first in range(len(spans))
        for last in range(first, len(spans))
        if (first, last) != (0, len(spans) - 1)
    ]
