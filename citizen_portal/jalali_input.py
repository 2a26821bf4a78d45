"""Parsing Jalali dates typed by staff: 1405/09/07 in any digits, with / - or . between parts."""

import datetime as dt
import re

import jdatetime
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.persian import to_ascii_digits

_PATTERN = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")


def parse_jalali_date(text: str) -> dt.date:
    """The Gregorian date for a Jalali `text`, or ValidationError."""
    value = to_ascii_digits(str(text or "")).strip()
    match = _PATTERN.fullmatch(value) if len(value) <= 20 else None
    if not match:
        raise ValidationError(_("Enter a Jalali date such as 1405/09/07."), code="format")
    year, month, day = (int(part) for part in match.groups())
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise ValidationError(_("This date does not exist in the Jalali calendar."), code="invalid")
