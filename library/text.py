"""Plain text as members type it, turned into story blocks."""

from django.utils.html import escape


def body_from_text(text):
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return [{"type": "paragraph", "value": "<p>" + escape(part).replace("\n", "<br>") + "</p>"} for part in paragraphs]
