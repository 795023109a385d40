"""The text that goes into the index from rich text and StreamFields."""

from search.plain import rich_text, stream_text


class Stream:
    def __init__(self, raw_data):
        self.raw_data = raw_data


def test_rich_text_keeps_words_apart_and_unescapes():
    assert rich_text("<p>Schuld</p><p>hulp &amp; <b>advies</b></p>") == "Schuld hulp & advies"


def test_stream_text_walks_nested_blocks_in_order_and_skips_ids():
    stream = Stream([
        {"type": "heading", "id": "a1b2", "value": {"text": "Wat werkt", "level": "h2"}},
        {"type": "paragraph", "id": "c3d4", "value": "<p>Eerst kennismaken,</p><p>dan samenwerken.</p>"},
        {"type": "steps", "id": "e5f6", "value": [{"title": "Stap één", "body": "<ul><li>Bel</li><li>Mail</li></ul>"}]},
    ])
    assert stream_text(stream) == "Wat werkt\nh2\nEerst kennismaken, dan samenwerken.\nStap één\nBel Mail"
