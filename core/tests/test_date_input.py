"""Dates people type: strict Jalali (letters, holidays) and Jalali-or-ISO (list filters), one parser."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.dates import parse_date_input, parse_jalali_date


@pytest.mark.parametrize("text", ["1405/09/07", "۱۴۰۵/۰۹/۰۷", "١٤٠٥-٩-٧", " 1405.9.7 "])
def test_jalali_in_any_digit_script_and_separator(text):
    assert parse_jalali_date(text) == dt.date(2026, 11, 28)
    assert parse_date_input(text) == dt.date(2026, 11, 28)


def test_iso_dates_are_read_by_the_filter_input_only():
    assert parse_date_input("2026-11-28") == dt.date(2026, 11, 28)


@pytest.mark.parametrize("text", ["hello", "14050907", "1405/09/07; DROP", "1" * 200 + "/1/1", ""])
def test_unreadable_text(text):
    assert parse_date_input(text) is None
    with pytest.raises(ValidationError) as error:
        parse_jalali_date(text)
    assert error.value.code == "format"


def test_a_day_the_jalali_calendar_does_not_have():
    assert parse_date_input("1405/07/31") is None
    with pytest.raises(ValidationError) as error:
        parse_jalali_date("1405/07/31")
    assert error.value.code == "invalid_date"


def test_the_portal_and_the_admin_forms_use_the_core_parser():
    from citizen_portal import forms as portal_forms
    from core import forms

    assert portal_forms.parse_jalali_date is parse_jalali_date
    assert forms.parse_jalali_date is parse_jalali_date
