"""Names and free text typed by citizens."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from citizen_portal.text import clean_free_text, clean_person_name
from core.dates import parse_jalali_date


def test_arabic_yeh_and_kaf_become_persian():
    assert clean_person_name("علي كريمي") == "علی کریمی"


def test_name_with_zwnj_and_hyphen_is_kept():
    assert clean_person_name("سیده\u200cزهرا") == "سیده\u200cزهرا"


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "Robert'); DROP TABLE applicants;--",
        "abc\u202edef",
        "abc\x00def",
        "علی123",
        "x" * 61,
        "&lt;b&gt;",
        "a",
        "",
    ],
)
def test_hostile_or_malformed_names_are_refused(value):
    with pytest.raises(ValidationError):
        clean_person_name(value)


@given(st.text(max_size=300))
def test_name_cleaning_never_crashes_and_returns_only_letters(value):
    try:
        result = clean_person_name(value)
    except ValidationError:
        return
    assert 2 <= len(result) <= 60
    assert "<" not in result and ">" not in result


def test_free_text_refuses_bidi_override():
    with pytest.raises(ValidationError):
        clean_free_text("ok \u202e evil", max_length=100)


def test_jalali_letter_date_accepts_persian_digits():
    import datetime as dt

    assert parse_jalali_date("۱۴۰۵/۰۹/۰۷") == dt.date(2026, 11, 28)


def test_jalali_letter_date_accepts_dashes_and_ascii():
    import datetime as dt

    assert parse_jalali_date("1405-9-7") == dt.date(2026, 11, 28)


@pytest.mark.parametrize("value", ["1405/13/01", "1405/12/31", "14050907", "hello", "1405/09/07; DROP", "٣٠/٠٩/١٤٠٥"])
def test_impossible_or_malformed_jalali_dates_are_refused(value):
    with pytest.raises(ValidationError):
        parse_jalali_date(value)
