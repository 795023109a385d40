"""The text that goes into the index from rich text and StreamFields."""

from search.plain import rich_text, stream_text
from search.text import highlight, query_terms


class Stream:
    def __init__(self, raw_data):
        self.raw_data = raw_data


def test_rich_text_keeps_words_apart_and_unescapes():
    assert rich_text("<p>Schuld</p><p>hulp &amp; <b>advies</b></p>") == "Schuld hulp & advies"


def test_stream_text_walks_nested_blocks_in_order_and_skips_ids():
    stream = Stream(
        [
            {"type": "heading", "id": "a1b2", "value": {"text": "Wat werkt", "level": "h2"}},
            {"type": "paragraph", "id": "c3d4", "value": "<p>Eerst kennismaken,</p><p>dan samenwerken.</p>"},
            {
                "type": "steps",
                "id": "e5f6",
                "value": [{"title": "Stap één", "body": "<ul><li>Bel</li><li>Mail</li></ul>"}],
            },
        ]
    )
    assert stream_text(stream) == "Wat werkt\nh2\nEerst kennismaken, dan samenwerken.\nStap één\nBel Mail"


def test_a_snippet_keeps_the_lines_of_the_index_text_apart():
    body = "Uitgeprobeerd in Oldenzaal en Utrecht.\nWerkplaatsen Sociaal Domein\nGemeenten, welzijnsorganisaties"
    snippet = highlight([body], query_terms("werkplaatsen"))
    assert "<mark>Werkplaatsen</mark>" in snippet
    assert "Utrecht. <mark>Werkplaatsen</mark> Sociaal Domein · Gemeenten, welzijnsorganisaties" in snippet
