"""Validation of free text typed by citizens; the rules live in core.text (shared with the partner API)."""

from core.text import (
    BIDI_CONTROLS,
    NAME_MAX_LENGTH,
    NAME_PUNCTUATION,
    clean_free_text,
    clean_person_name,
    has_hidden_characters,
)

__all__ = [
    "BIDI_CONTROLS",
    "NAME_MAX_LENGTH",
    "NAME_PUNCTUATION",
    "clean_free_text",
    "clean_person_name",
    "has_hidden_characters",
]
