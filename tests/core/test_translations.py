"""The English catalogue is complete and its compiled .mo matches the .po."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "kennisplatform" / "locale"


def unquote(block):
    return (
        "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def po_entries(path):
    text = path.read_text(encoding="utf-8")
    for entry in text.split("\n\n")[1:]:
        if entry.lstrip().startswith("#~"):
            continue
        fuzzy = "#, fuzzy" in entry
        context = re.search(r'^msgctxt ((?:".*"\n?)+)', entry, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', entry, re.M)
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.M)
        yield (
            context and unquote(context.group(1)),
            unquote(msgid.group(1)),
            plural and unquote(plural.group(1)),
            [unquote(m) for m in msgstrs],
            fuzzy,
        )


@pytest.mark.parametrize("language", ["en"])
def test_every_string_is_translated_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    entries = list(po_entries(po))
    assert len(entries) > 50
    for context, msgid, plural, msgstrs, fuzzy in entries:
        assert not fuzzy, f"fuzzy translation: {msgid!r}"
        assert all(msgstrs), f"untranslated: {msgid!r}"
        if plural:
            found = compiled.npgettext(context, msgid, plural, 1) if context else compiled.ngettext(msgid, plural, 1)
        else:
            found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert found == msgstrs[0], f"{msgid!r}: run compilemessages"
