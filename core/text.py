"""Validation of free text people type (names, short reasons), shared by the portal and the partner API.

Input is checked before normalisation, so hidden characters are refused rather than silently dropped.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.persian import ZWNJ, normalize_text

NAME_MAX_LENGTH = 60
# Bidi embeddings/overrides/isolates and marks: they can make text display differently from what it is.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
NAME_PUNCTUATION = set(" -'.\u2019")
_MARKUP = re.compile(r"[<>]|&#?\w+;|javascript:", re.IGNORECASE)


def has_hidden_characters(text: str) -> bool:
    """Control characters (except tab/newline) and bidi controls."""
    for char in text:
        if char in BIDI_CONTROLS:
            return True
        if unicodedata.category(char) == "Cc" and char not in "\t\n\r":
            return True
    return False


def clean_person_name(value: str, *, max_length: int = NAME_MAX_LENGTH) -> str:
    """A first or last name: letters (Persian or Latin), spaces, ZWNJ, hyphen, apostrophe; normalised."""
    raw = str(value or "")
    if len(raw) > max_length * 2:
        raise ValidationError(_("This name is too long."), code="length")
    if has_hidden_characters(raw):
        raise ValidationError(_("The name contains hidden or control characters."), code="hidden")
    if _MARKUP.search(raw):
        raise ValidationError(_("The name may not contain HTML or code."), code="markup")
    name = normalize_text(raw)
    if not name:
        raise ValidationError(_("Enter the name."), code="required")
    if len(name) > max_length:
        raise ValidationError(_("This name is too long."), code="length")
    if len(name) < 2:
        raise ValidationError(_("This name is too short."), code="length")
    letters = 0
    for char in name:
        if char in NAME_PUNCTUATION or char == ZWNJ:
            continue
        if not unicodedata.category(char).startswith("L"):
            raise ValidationError(_("Use only letters in the name."), code="characters")
        letters += 1
    if letters < 2:
        raise ValidationError(_("This name is too short."), code="length")
    return name


def clean_free_text(value: str, *, max_length: int) -> str:
    """A comment or reason: any printable text up to `max_length`, hidden characters refused."""
    raw = str(value or "")
    if len(raw) > max_length:
        raise ValidationError(_("This text is too long."), code="length")
    if has_hidden_characters(raw):
        raise ValidationError(_("The text contains hidden or control characters."), code="hidden")
    return "\n".join(normalize_text(line) for line in raw.splitlines()).strip()
