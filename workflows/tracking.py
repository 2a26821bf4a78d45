"""Tracking codes: 13 random digits plus a Verhoeff check digit, so typos are caught."""

import re
import secrets

from core.persian import to_ascii_digits

_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)
CODE_LENGTH = 14


def verhoeff_check_digit(digits: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[(i + 1) % 8][int(ch)]]
    return str(_INV[c])


def verhoeff_is_valid(digits: str) -> bool:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


def new_tracking_code() -> str:
    """14 ASCII digits: 13 from `secrets` (about 43 bits) and a Verhoeff check digit."""
    body = "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH - 1))
    return body + verhoeff_check_digit(body)


def normalize_tracking_code(text: str) -> str | None:
    """The 14-digit code from what a citizen typed (any digit script, spaces, dashes), or None."""
    compact = re.sub(r"[\s\-\u200c]", "", to_ascii_digits(str(text or "")))
    if not re.fullmatch(rf"\d{{{CODE_LENGTH}}}", compact) or not verhoeff_is_valid(compact):
        return None
    return compact


def format_tracking_code(code: str) -> str:
    """'1234 5678 9012 34': easier to read aloud and copy."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))
