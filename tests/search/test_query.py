"""The query parser: properties that hold for any text a visitor can type (Hypothesis), and examples."""

import re
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from search import query as parser
from search.backends.database import _fts_any, _ts_alternative, _ts_any
from search.text import STOP_WORDS, stem

WORD_CHARS = re.compile(r"^\w+$")
TABLE = parser.synonym_table([["geldzorgen", "geldproblemen", "financiële problemen"], ["AVG", "privacy"]])

# Text as people type it: words, quotes, minus signs, accents, emoji, control characters, spaces.
typed = st.lists(
    st.one_of(
        st.sampled_from(list(' ""--\'éëïöüÉ🙂\x00') + ["schulden", "moskee", "financiële", "de", "problemen"]),
        st.text(st.characters(codec="utf-8"), max_size=8),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(typed)
def test_any_text_parses_within_the_limits_into_safe_stems(text):
    parsed = parser.parse(text, TABLE)
    assert len(parsed.groups) <= parser.MAX_GROUPS
    assert len(parsed.excluded) <= parser.MAX_EXCLUDED
    for group in parsed.groups:
        assert group.label.strip()
        assert 1 <= len(group.alternatives) <= parser.MAX_ALTERNATIVES
    for alternative in [a for g in parsed.groups for a in g.alternatives] + list(parsed.excluded):
        assert alternative.stems
        assert all(WORD_CHARS.match(s) for s in alternative.stems)


@settings(max_examples=200, deadline=None)
@given(typed)
def test_sqlite_fts5_accepts_every_expression_the_parser_makes(text):
    parsed = parser.parse(text, TABLE)
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(a, b)")
    connection.execute("INSERT INTO t VALUES ('schuld moskee', 'geldzorg')")
    for group in parsed.groups:
        connection.execute("SELECT rowid FROM t WHERE t MATCH ?", [_fts_any(group.alternatives)]).fetchall()
    if parsed.excluded:
        connection.execute("SELECT rowid FROM t WHERE t MATCH ?", [_fts_any(parsed.excluded)]).fetchall()


@settings(max_examples=200, deadline=None)
@given(typed)
def test_tsquery_text_has_no_quote_a_visitor_typed(text):
    parsed = parser.parse(text, TABLE)
    for group in parsed.groups:
        for expression in [_ts_any(group.alternatives), *(_ts_alternative(a, "A") for a in group.alternatives)]:
            # Every quote is one the parser put around a stem.
            assert re.fullmatch(r"[()|&<\->: A\w']*", expression)
            assert expression.count("'") % 2 == 0


@given(
    st.lists(
        st.sampled_from(["schulden", "moskee", "samenwerking", "wijk", "inloop", "almere"]), min_size=1, max_size=6
    )
)
def test_every_distinct_word_becomes_one_group_in_order(words):
    parsed = parser.parse(" ".join(words))
    assert [group.label for group in parsed.groups] == list(dict.fromkeys(words))


@given(st.sampled_from(["schulden", "moskee", "samenwerking"]), st.sampled_from(["wijk", "inloop"]))
def test_a_minus_word_is_excluded_and_never_searched(word, excluded):
    parsed = parser.parse(f"{word} -{excluded}")
    assert [group.label for group in parsed.groups] == [word]
    assert [a.stems for a in parsed.excluded] == [(stem(excluded),)]


@given(st.text(alphabet=" \t\n", max_size=5), st.text(alphabet=" \t\n", min_size=1, max_size=5))
def test_spaces_do_not_change_the_query(before, between):
    assert parser.parse(f"{before}hulp{between}bij geldzorgen ", TABLE) == parser.parse("hulp bij geldzorgen", TABLE)


def test_a_quoted_phrase_is_one_group_of_adjacent_stems():
    (group,) = parser.parse('"warme overdracht"').groups
    assert group.label == "warme overdracht"
    assert group.alternatives[0].phrase and group.alternatives[0].stems == ("warm", "overdracht")


def test_synonyms_of_one_or_more_words_join_the_group_of_what_was_typed():
    (group,) = parser.parse("hulp bij financiële problemen", TABLE).groups[1:]
    assert group.label == "financiele problemen"
    assert {a.text for a in group.alternatives} == {"financiele problemen", "geldzorgen", "geldproblemen"}
    (privacy,) = parser.parse("AVG", TABLE).groups
    assert [a.text for a in privacy.alternatives] == ["avg", "privacy"]


def test_only_stop_words_search_for_themselves_and_punctuation_alone_is_no_query():
    assert [g.label for g in parser.parse("de het").groups] == ["de", "het"]
    assert all(word in STOP_WORDS for word in ("de", "het"))
    for text in ['"', "-", '- "', "?!", "🙂", "\x00"]:
        assert not parser.parse(text)
