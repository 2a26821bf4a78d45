"""Jalali (Solar Hijri) display of dates and datetimes, in the site's time zone."""

import datetime as dt

import jdatetime
from django.utils import timezone
from django.utils.translation import get_language

from .persian import to_persian_digits

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
