"""core.dates and the jalali/jalali_dt template filters: Jalali display in Tehran time."""

import datetime as dt
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.dates import format_jalali, to_jalali
from core.persian import to_ascii_digits

NOWRUZ_1405 = dt.date(2026, 3, 21)
# 20:30 UTC on 20 March 2026 is midnight of 1405/01/01 in Tehran (UTC+03:30).
NOWRUZ_MIDNIGHT_UTC = dt.datetime(2026, 3, 20, 20, 30, tzinfo=dt.UTC)


def render(template: str, **context) -> str:
    return Template(template).render(Context(context))


@pytest.fixture
def persian():
    with translation.override("fa"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# --- to_jalali ----------------------------------------------------------------------------


def test_to_jalali_converts_a_date():
    assert to_jalali(NOWRUZ_1405) == jdatetime.date(1405, 1, 1)


def test_to_jalali_converts_an_aware_datetime_to_tehran_time():
    converted = to_jalali(NOWRUZ_MIDNIGHT_UTC)
    assert (converted.year, converted.month, converted.day, converted.hour, converted.minute) == (1405, 1, 1, 0, 0)


def test_to_jalali_keeps_a_naive_datetime_as_it_is():
    converted = to_jalali(dt.datetime(2026, 3, 20, 20, 30))
    assert (converted.year, converted.month, converted.day, converted.hour) == (1404, 12, 29, 20)


# --- format_jalali ------------------------------------------------------------------------


def test_format_jalali_uses_persian_digits_in_persian(persian):
    assert format_jalali(NOWRUZ_1405) == "۱۴۰۵/۰۱/۰۱"


def test_format_jalali_uses_ascii_digits_in_english(english):
    assert format_jalali(NOWRUZ_1405) == "1405/01/01"


def test_format_jalali_long_names_the_month(persian):
    assert format_jalali(dt.date(2026, 11, 28), long=True) == "۷ آذر ۱۴۰۵"


def test_format_jalali_with_time_shows_tehran_time(persian):
    assert format_jalali(NOWRUZ_MIDNIGHT_UTC, with_time=True) == "۱۴۰۵/۰۱/۰۱ ۰۰:۰۰"


def test_format_jalali_with_time_in_english_uses_ascii(english):
    assert format_jalali(NOWRUZ_MIDNIGHT_UTC, with_time=True) == "1405/01/01 00:00"


def test_format_jalali_of_a_datetime_gives_the_tehran_day_not_the_utc_day(english):
    assert format_jalali(NOWRUZ_MIDNIGHT_UTC) == "1405/01/01"


def test_format_jalali_with_time_on_a_date_shows_no_time(english):
    assert format_jalali(NOWRUZ_1405, with_time=True) == "1405/01/01"


def test_format_jalali_of_none_is_empty(persian):
    assert format_jalali(None) == ""


def test_format_jalali_shows_esfand_30_of_a_leap_year(english):
    assert format_jalali(dt.date(2025, 3, 20)) == "1403/12/30"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_format_jalali_round_trips_through_jdatetime(day):
    with translation.override("fa"):
        year, month, date = (int(part) for part in to_ascii_digits(format_jalali(day)).split("/"))
    assert jdatetime.date(year, month, date).togregorian() == day


# --- template filters ---------------------------------------------------------------------


def test_jalali_filter_renders_persian_digits(persian):
    assert render("{{ d|jalali }}", d=NOWRUZ_1405) == "۱۴۰۵/۰۱/۰۱"


def test_jalali_filter_long_style_names_the_month(persian):
    assert render('{{ d|jalali:"long" }}', d=NOWRUZ_1405) == "۱ فروردین ۱۴۰۵"


def test_jalali_filter_in_english_uses_ascii(english):
    assert render("{{ d|jalali }}", d=NOWRUZ_1405) == "1405/01/01"


def test_jalali_dt_filter_shows_tehran_time(persian):
    assert render("{{ d|jalali_dt }}", d=dt.datetime(2026, 11, 28, 6, 0, tzinfo=dt.UTC)) == "۱۴۰۵/۰۹/۰۷ ۰۹:۳۰"


def test_jalali_dt_filter_accepts_a_datetime_in_another_zone(english):
    berlin = dt.datetime(2026, 11, 28, 7, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert render("{{ d|jalali_dt }}", d=berlin) == "1405/09/07 09:30"


def test_jalali_filter_renders_none_as_empty(persian):
    assert render("{{ d|jalali }}", d=None) == ""
