"""Search statistics keep what people look for, never who they are: addresses and phone numbers are masked."""

import re

EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")
# A phone number: at least 9 digits, written with spaces, dashes, dots, brackets or a leading + / 00.
PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d\s\-.()/]{7,}\d")
MIN_PHONE_DIGITS = 9
EMAIL_MASK = "[e-mailadres]"
PHONE_MASK = "[nummer]"


def _mask_phone(match):
    digits = sum(character.isdigit() for character in match.group())
    return PHONE_MASK if digits >= MIN_PHONE_DIGITS else match.group()


def redact(text):
    """`text` with email addresses and phone numbers (and other long digit runs, such as a BSN) masked."""
    return PHONE_CANDIDATE.sub(_mask_phone, EMAIL.sub(EMAIL_MASK, text))
