"""Form pieces shared by the admin screens: Jalali date entry and the holiday form."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .dates import format_jalali, parse_jalali_date
from .models import Holiday


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
