"""Validators for Iranian identifiers; each accepts any digit script and returns the ASCII form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .persian import to_ascii_digits


def normalize_national_id(value: str) -> str:
    """Return the 10-digit national ID or raise ValidationError (check digit included)."""
    digits = to_ascii_digits(str(value or "")).strip().replace("-", "").replace(" ", "")
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(_("The national ID must be exactly 10 digits."), code="format")
    if len(set(digits)) == 1:
        raise ValidationError(_("This national ID is not valid."), code="pattern")
    total = sum(int(digits[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    if int(digits[9]) != check:
        raise ValidationError(_("This national ID is not valid (check digit)."), code="checksum")
    return digits


def national_id_validator(value: str) -> None:
    normalize_national_id(value)


def normalize_mobile(value: str) -> str:
    """Return an Iranian mobile as 09XXXXXXXXX; accepts 09…, +989…, 00989…, 989… in any digits."""
    raw = to_ascii_digits(str(value or "")).strip()
    compact = re.sub(r"[\s\-()]", "", raw)
    for prefix in ("+98", "0098", "98"):
        if compact.startswith(prefix) and len(compact) == len(prefix) + 10:
            compact = "0" + compact[len(prefix) :]
            break
    if len(compact) == 10 and compact.startswith("9"):
        compact = "0" + compact
    if not re.fullmatch(r"09\d{9}", compact):
        raise ValidationError(_("Enter an Iranian mobile number such as 09121234567."), code="mobile")
    return compact


def mobile_validator(value: str) -> None:
    normalize_mobile(value)


def make_national_id(prefix9: str) -> str:
    """Append the check digit to nine digits: used to build synthetic demo and test IDs."""
    total = sum(int(prefix9[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    return prefix9 + str(remainder if remainder < 2 else 11 - remainder)
