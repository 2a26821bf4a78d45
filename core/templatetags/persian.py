"""Template filters for Persian display: {{ value|jalali }}, {{ value|jalali_dt }}, {{ n|fa_digits }}."""

from django import template
from django.utils.translation import get_language

from core.dates import format_jalali
from core.persian import to_persian_digits

register = template.Library()


@register.filter
def jalali(value, style: str = "") -> str:
    return format_jalali(value, long=(style == "long"))


@register.filter
def jalali_dt(value) -> str:
    return format_jalali(value, with_time=True)


@register.filter
def fa_digits(value) -> str:
    """Persian digits, unless the page is in English."""
    if value is None:
        return ""
    if (get_language() or "fa").startswith("en"):
        return str(value)
    return to_persian_digits(value)


@register.filter
def rials(value) -> str:
    """Thousands-separated amount with Persian digits: 1500000 -> ۱٬۵۰۰٬۰۰۰."""
    if value in (None, ""):
        return ""
    text = f"{int(value):,}"
    if (get_language() or "fa").startswith("en"):
        return text
    return to_persian_digits(text.replace(",", "٬"))
