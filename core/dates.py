"""Jalali (Solar Hijri) dates: display in the site's time zone, and reading dates people type."""

import datetime as dt
import re

import jdatetime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .persian import to_ascii_digits, to_persian_digits

JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]  # fmt: skip


def to_jalali(value: dt.date | dt.datetime) -> jdatetime.date | jdatetime.datetime:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return jdatetime.datetime.fromgregorian(datetime=value)
    return jdatetime.date.fromgregorian(date=value)


def format_jalali(value: dt.date | dt.datetime | None, with_time: bool = False, long: bool = False) -> str:
    """'۱۴۰۵/۰۹/۰۷' (or '۷ آذر ۱۴۰۵' when long), Persian digits unless the language is English."""
    if value is None:
        return ""
    j = to_jalali(value)
    if long:
        text = f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}"
    else:
        text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    if with_time and isinstance(j, jdatetime.datetime):
        text += f" {j.hour:02d}:{j.minute:02d}"
    return text if (get_language() or "fa").startswith("en") else to_persian_digits(text)


_DATE_INPUT = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")
_DATE_INPUT_MAX = 20  # anything longer is not a date
# A browser's <input type="date"> sends ISO dates; no Jalali year people type reaches 1700.
GREGORIAN_FROM_YEAR = 1700


def _date_parts(text) -> tuple[int, int, int] | None:
    value = to_ascii_digits(str(text or "")).strip()
    match = _DATE_INPUT.fullmatch(value) if len(value) <= _DATE_INPUT_MAX else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return year, month, day


def parse_jalali_date(text: str) -> dt.date:
    """'1405/01/01' (any digit script; / - or . between parts) -> the Gregorian date.

    Raises ValidationError with code "format" for unreadable text, "invalid_date" for a day
    the Jalali calendar does not have (1405/07/31, 1404/12/30 in a common year).
    """
    parts = _date_parts(text)
    if parts is None:
        raise ValidationError(_("Enter a Jalali date such as 1405/01/01."), code="format")
    try:
        return jdatetime.date(*parts).togregorian()
    except ValueError:
        raise ValidationError(_("This Jalali date does not exist."), code="invalid_date")


def parse_date_input(text: str) -> dt.date | None:
    """A Jalali (1405/09/07) or ISO (2026-11-28) date in any digit script, or None if it is neither."""
    parts = _date_parts(text)
    if parts is None:
        return None
    try:
        return dt.date(*parts) if parts[0] >= GREGORIAN_FROM_YEAR else jdatetime.date(*parts).togregorian()
    except ValueError:
        return None
