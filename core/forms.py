"""Form pieces shared by the admin screens: Jalali date entry and the holiday form."""

import datetime as dt
import re

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import format_jalali
from .models import Holiday
from .persian import to_ascii_digits

_JALALI_RE = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")


def parse_jalali_date(text: str) -> dt.date:
    """'1405/01/01' (any digit script; / - or . between parts) -> the Gregorian date.

    Raises ValidationError with code "format" for unreadable text, "invalid_date" for a day
    the Jalali calendar does not have (1405/07/31, 1404/12/30 in a common year).
    """
    match = _JALALI_RE.fullmatch(to_ascii_digits(str(text or "")).strip())
    if not match:
        raise ValidationError(_("Enter a Jalali date such as 1405/01/01."), code="format")
    year, month, day = (int(part) for part in match.groups())
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise ValidationError(_("This Jalali date does not exist."), code="invalid_date")


class JalaliDateField(forms.Field):
    """A date typed and shown in the Jalali calendar, stored as a Gregorian date."""

    widget = forms.TextInput(attrs={"placeholder": "۱۴۰۵/۰۱/۰۱", "dir": "ltr", "inputmode": "numeric"})

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return format_jalali(value)
        return value

    def to_python(self, value) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        if value in self.empty_values:
            return None
        return parse_jalali_date(value)


class HolidayForm(forms.ModelForm):
    """Editors enter holidays by their Jalali date."""

    date = JalaliDateField(label=_("date (Jalali)"), help_text=_("For example 1405/01/01."))

    class Meta:
        model = Holiday
        fields = ["date", "title"]
