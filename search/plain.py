"""Plain text out of StreamFields and rich text, for the index."""

import html
import re

SKIP_KEYS = {"type", "id"}
# Index text is never shown as HTML (snippets are escaped), so a tag only has to go, not be parsed;
# a space keeps "<p>a</p><p>b</p>" two words. Django's strip_tags was a quarter of a full reindex.
TAG = re.compile(r"<[^>]*>")


def rich_text(value):
    return " ".join(html.unescape(TAG.sub(" ", str(value or ""))).split())


def stream_text(stream):
    """Every piece of text in a StreamField's raw data, tags stripped, in document order."""
    parts = []

    def walk(value):
        if isinstance(value, str):
            if text := rich_text(value):
                parts.append(text)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in SKIP_KEYS or not isinstance(item, str):
                    walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(list(getattr(stream, "raw_data", None) or []))
    return "\n".join(parts)


def join(*texts):
    return "\n".join(text for text in texts if text)
