"""The working-day calendar: weekends, the holiday table, its cache, and editing holidays by Jalali date."""

import datetime as dt
import importlib
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core import calendar
from core.calendar import (
    add_working_days,
    clear_holiday_cache,
    due_date_for,
    holiday_from_jalali,
    is_working_day,
    working_days_between,
    working_days_paused,
)
from core.forms import HolidayForm, parse_jalali_date
from core.models import Holiday

pytestmark = pytest.mark.django_db

TEHRAN = ZoneInfo("Asia/Tehran")
seed_migration = importlib.import_module("core.migrations.0002_seed_fixed_holidays")


def j(year: int, month: int, day: int) -> dt.date:
    return jdatetime.date(year, month, day).togregorian()


@pytest.fixture(autouse=True)
def fresh_holiday_cache():
    # Another test's rolled-back holidays must not leak into this one.
    clear_holiday_cache()
    yield
    clear_holiday_cache()


# --- weekends ---------------------------------------------------------------------------------


def test_friday_is_not_a_working_day_by_default():
    assert is_working_day(j(1405, 2, 4)) is False  # Friday 2026-04-24


def test_thursday_is_a_working_day_by_default():
    assert is_working_day(j(1405, 2, 3)) is True


def test_thursday_is_not_a_working_day_when_configured_as_weekend(settings):
    settings.DESK_WEEKEND_DAYS = [3, 4]
    assert is_working_day(j(1405, 2, 3)) is False


def test_saturday_is_a_working_day():
    assert is_working_day(j(1405, 2, 5)) is True


def test_a_week_without_any_working_day_is_refused(settings):
    settings.DESK_WEEKEND_DAYS = [0, 1, 2, 3, 4, 5, 6]
    with pytest.raises(ValueError):
        add_working_days(j(1405, 2, 5), 1)


# --- seeded fixed holidays ----------------------------------------------------------------------


@pytest.mark.parametrize("year", [1404, 1405, 1406])
@pytest.mark.parametrize(
    "month,day",
    [(1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13), (3, 14), (3, 15), (11, 22), (12, 29)],
)
def test_fixed_official_holiday_is_not_a_working_day(year, month, day):
    assert is_working_day(j(year, month, day)) is False


def test_seed_holds_ten_fixed_holidays_for_each_of_three_years():
    assert Holiday.objects.filter(date__gte=j(1404, 1, 1), date__lte=j(1406, 12, 29)).count() == 30


def test_seeding_again_adds_no_duplicates():
    seed_migration.seed(apps, SimpleNamespace(connection=connection))
    assert Holiday.objects.filter(date__gte=j(1404, 1, 1), date__lte=j(1406, 12, 29)).count() == 30


def test_seeding_keeps_an_editors_title_on_a_seeded_day():
    Holiday.objects.filter(date=j(1405, 1, 13)).update(title="Sizdah Bedar")
    seed_migration.seed(apps, SimpleNamespace(connection=connection))
    assert Holiday.objects.get(date=j(1405, 1, 13)).title == "Sizdah Bedar"


def test_unseeding_removes_the_seeded_holidays():
    seed_migration.unseed(apps, SimpleNamespace(connection=connection))
    assert not Holiday.objects.filter(date=j(1405, 1, 1)).exists()


def test_unseeding_keeps_holidays_entered_by_editors():
    holiday_from_jalali(1405, 1, 13, "Sizdah Bedar")  # retitled by an editor
    holiday_from_jalali(1405, 3, 27, "Eid al-Adha")
    seed_migration.unseed(apps, SimpleNamespace(connection=connection))
    assert set(Holiday.objects.values_list("title", flat=True)) == {"Sizdah Bedar", "Eid al-Adha"}


# --- add_working_days -------------------------------------------------------------------------


def test_counting_across_nowruz_skips_the_whole_holiday_fortnight():
    # 1404/12/28 is day 1; Esfand 29, Farvardin 1-4, 12, 13 and the Fridays are skipped.
    assert add_working_days(j(1404, 12, 27), 8) == j(1405, 1, 15)


def test_counting_across_nowruz_lands_after_sizdah_bedar():
    assert add_working_days(j(1404, 12, 27), 8) > j(1405, 1, 14)


def test_first_working_day_after_esfand_27_is_esfand_28():
    assert add_working_days(j(1404, 12, 27), 1) == j(1404, 12, 28)


def test_second_working_day_after_esfand_27_is_farvardin_5():
    assert add_working_days(j(1404, 12, 27), 2) == j(1405, 1, 5)


def test_counting_across_nowruz_with_thursday_weekend(settings):
    settings.DESK_WEEKEND_DAYS = [3, 4]
    # Esfand 28 and Farvardin 6 are Thursdays now.
    assert add_working_days(j(1404, 12, 27), 2) == j(1405, 1, 8)


def test_an_extra_holiday_pushes_the_due_date_by_one_day():
    before = add_working_days(j(1405, 2, 5), 3)  # Saturday -> Tuesday
    holiday_from_jalali(1405, 2, 7, "Extra holiday")  # the Monday in between
    assert add_working_days(j(1405, 2, 5), 3) == before + dt.timedelta(days=1)


def test_zero_working_days_returns_the_start():
    assert add_working_days(j(1405, 2, 4), 0) == j(1405, 2, 4)


def test_negative_days_count_backwards_over_weekend_and_holidays():
    # Back from Farvardin 5 (Wed): Farvardin 1-4 and Esfand 29 are off, Esfand 28 is the one before.
    assert add_working_days(j(1405, 1, 5), -1) == j(1404, 12, 28)


def test_negative_days_count_backwards_over_friday():
    assert add_working_days(j(1405, 2, 5), -1) == j(1405, 2, 3)  # Saturday -> Thursday


def test_a_start_on_a_holiday_counts_from_the_next_working_day():
    assert add_working_days(j(1405, 1, 1), 1) == j(1405, 1, 5)


def test_a_datetime_start_counts_from_its_tehran_day():
    # 22:00 UTC on Wednesday 1405/02/02 is already Thursday 01:30 in Tehran.
    late_wednesday_utc = dt.datetime(2026, 4, 22, 22, 0, tzinfo=dt.UTC)
    assert add_working_days(late_wednesday_utc, 1) == j(1405, 2, 5)


# --- working_days_between ------------------------------------------------------------------


def test_working_days_between_a_day_and_itself_is_zero():
    assert working_days_between(j(1405, 2, 5), j(1405, 2, 5)) == 0


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(j(1405, 2, 5), j(1405, 2, 6)) == 1


def test_working_days_between_skips_weekend_and_holidays_across_nowruz():
    assert working_days_between(j(1404, 12, 27), j(1405, 1, 15)) == 8


def test_working_days_between_is_negative_when_end_is_earlier():
    assert working_days_between(j(1405, 1, 15), j(1404, 12, 27)) == -8


def test_working_days_between_a_whole_common_year_skips_fridays_and_holidays():
    start, end = j(1404, 12, 29), j(1405, 12, 29)  # (start, end] is the whole of 1405
    fridays = sum(1 for n in range(1, 366) if (start + dt.timedelta(days=n)).weekday() == 4)
    holidays_off_friday = Holiday.objects.filter(date__gt=start, date__lte=end).exclude(date__week_day=6).count()
    assert working_days_between(start, end) == 365 - fridays - holidays_off_friday


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
    days=st.integers(min_value=-120, max_value=120),
)
def test_working_days_between_inverts_add_working_days(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


@hypothesis_settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
    days=st.integers(min_value=1, max_value=120),
)
def test_add_working_days_always_lands_on_a_working_day(start, days):
    assert is_working_day(add_working_days(start, days))


# --- due dates and pauses -----------------------------------------------------------------


def test_due_date_for_a_date_counts_working_days():
    assert due_date_for(j(1404, 12, 27), 8) == j(1405, 1, 15)


def test_due_date_for_a_datetime_uses_the_tehran_day():
    # 21:00 UTC on Wednesday 1404/12/27 is 00:30 Thursday 1404/12/28 in Tehran.
    submitted = dt.datetime(2026, 3, 18, 21, 0, tzinfo=dt.UTC)
    assert due_date_for(submitted, 1) == j(1405, 1, 5)


def test_pause_within_one_day_costs_no_working_day():
    morning = dt.datetime(2026, 4, 25, 9, 0, tzinfo=TEHRAN)
    assert working_days_paused(morning, morning + dt.timedelta(hours=6)) == 0


def test_pause_from_saturday_to_monday_gives_back_two_working_days():
    saturday = dt.datetime(2026, 4, 25, 10, 0, tzinfo=TEHRAN)
    assert working_days_paused(saturday, saturday + dt.timedelta(days=2)) == 2


def test_pause_over_a_friday_does_not_count_the_friday():
    thursday = dt.datetime(2026, 4, 23, 10, 0, tzinfo=TEHRAN)
    assert working_days_paused(thursday, thursday + dt.timedelta(days=2)) == 1


def test_pause_ending_before_it_started_is_zero():
    monday = dt.datetime(2026, 4, 27, 10, 0, tzinfo=TEHRAN)
    assert working_days_paused(monday, monday - dt.timedelta(days=3)) == 0


# --- the holiday cache ---------------------------------------------------------------------


def test_add_working_days_makes_one_query_on_a_cold_cache(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(j(1404, 12, 1), 90)


def test_working_days_between_makes_one_query_on_a_cold_cache(django_assert_num_queries):
    with django_assert_num_queries(1):
        working_days_between(j(1404, 1, 1), j(1406, 12, 29))


def test_a_warm_cache_makes_no_queries_for_a_whole_inbox(django_assert_num_queries):
    is_working_day(j(1405, 1, 1))
    with django_assert_num_queries(0):
        for n in range(50):
            due = add_working_days(j(1405, 1, 1) + dt.timedelta(days=n), 10)
            working_days_between(j(1405, 1, 1), due)
            is_working_day(due)


def test_saving_a_holiday_is_seen_at_once():
    assert is_working_day(j(1405, 2, 7)) is True
    holiday_from_jalali(1405, 2, 7, "Extra holiday")
    assert is_working_day(j(1405, 2, 7)) is False


def test_deleting_a_holiday_is_seen_at_once():
    assert is_working_day(j(1405, 3, 14)) is False
    Holiday.objects.get(date=j(1405, 3, 14)).delete()
    assert is_working_day(j(1405, 3, 14)) is True


def test_retitling_a_holiday_keeps_it_a_holiday():
    holiday = Holiday.objects.get(date=j(1405, 3, 14))
    holiday.title = "Renamed"
    holiday.save()
    assert is_working_day(j(1405, 3, 14)) is False


def test_after_commit_the_new_holiday_set_is_cached_again(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    is_working_day(j(1405, 2, 7))
    with django_capture_on_commit_callbacks(execute=True):
        holiday_from_jalali(1405, 2, 7, "Extra holiday")
    assert is_working_day(j(1405, 2, 7)) is False
    with django_assert_num_queries(0):
        assert is_working_day(j(1405, 2, 7)) is False


def test_a_rolled_back_holiday_is_not_remembered():
    is_working_day(j(1405, 2, 7))

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        holiday_from_jalali(1405, 2, 7, "Never committed")
        assert is_working_day(j(1405, 2, 7)) is False
        raise Abort
    assert is_working_day(j(1405, 2, 7)) is True


def test_a_change_made_by_another_worker_is_picked_up(django_assert_num_queries):
    is_working_day(j(1405, 2, 7))
    # Another worker committed a change: it replaced the shared version stamp.
    cache.set(calendar.VERSION_CACHE_KEY, "changed-elsewhere", timeout=None)
    with django_assert_num_queries(1):
        is_working_day(j(1405, 2, 7))


def test_holidays_added_by_bulk_create_are_seen_after_clearing_the_cache():
    is_working_day(j(1405, 2, 7))
    Holiday.objects.bulk_create([Holiday(date=j(1405, 2, 7), title="Bulk")])
    clear_holiday_cache()
    assert is_working_day(j(1405, 2, 7)) is False


def test_the_cached_copy_expires_after_the_configured_time(settings, django_assert_num_queries):
    settings.DESK_HOLIDAY_CACHE_SECONDS = 0
    is_working_day(j(1405, 2, 7))
    with django_assert_num_queries(1):
        is_working_day(j(1405, 2, 7))


# --- entering holidays by Jalali date -----------------------------------------------------


def test_holiday_from_jalali_stores_the_gregorian_date():
    assert holiday_from_jalali(1405, 3, 27, "Eid al-Adha").date == dt.date(2026, 6, 17)


def test_holiday_from_jalali_accepts_persian_digits():
    assert holiday_from_jalali("۱۴۰۵", "۳", "۲۷", "Eid al-Adha").date == dt.date(2026, 6, 17)


def test_holiday_from_jalali_retitles_an_existing_day():
    holiday_from_jalali(1405, 1, 13, "Sizdah Bedar")
    assert Holiday.objects.get(date=j(1405, 1, 13)).title == "Sizdah Bedar"


def test_holiday_from_jalali_refuses_a_day_that_does_not_exist():
    with pytest.raises(ValueError):
        holiday_from_jalali(1405, 7, 31, "No such day")


@pytest.mark.parametrize("text", ["1405/01/01", "۱۴۰۵/۰۱/۰۱", "١٤٠٥/١/١", "1405-1-1", " 1405.01.01 "])
def test_parse_jalali_date_accepts_any_digit_script_and_separator(text):
    assert parse_jalali_date(text) == dt.date(2026, 3, 21)


def test_parse_jalali_date_rejects_text_with_format_code():
    with pytest.raises(ValidationError) as excinfo:
        parse_jalali_date("Nowruz")
    assert excinfo.value.code == "format"


def test_parse_jalali_date_rejects_esfand_30_of_a_common_year():
    with pytest.raises(ValidationError) as excinfo:
        parse_jalali_date("1404/12/30")
    assert excinfo.value.code == "invalid_date"


def test_parse_jalali_date_accepts_esfand_30_of_a_leap_year():
    assert parse_jalali_date("1403/12/30") == dt.date(2025, 3, 20)


def test_holiday_form_saves_a_jalali_date():
    form = HolidayForm(data={"date": "۱۴۰۵/۰۳/۲۷", "title": "Eid al-Adha"})
    assert form.is_valid(), form.errors
    assert form.save().date == dt.date(2026, 6, 17)


def test_holiday_form_shows_the_stored_date_in_jalali():
    form = HolidayForm(instance=Holiday.objects.get(date=j(1405, 1, 1)))
    assert 'value="۱۴۰۵/۰۱/۰۱"' in str(form["date"])


def test_holiday_form_refuses_a_second_holiday_on_the_same_day():
    form = HolidayForm(data={"date": "1405/01/01", "title": "Again"})
    assert not form.is_valid()


def test_holiday_is_listed_by_its_jalali_date():
    assert Holiday.objects.get(date=j(1405, 1, 1)).jalali_date() == "۱۴۰۵/۰۱/۰۱"


# --- admin screens --------------------------------------------------------------------------


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("calendar-admin", "calendar-admin@example.invalid", "pw")


def test_wagtail_holiday_list_shows_jalali_dates(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_core_holiday:list"))
    assert response.status_code == 200
    assert "۱۴۰۵/۰۱/۰۱" in response.content.decode()


def test_wagtail_holiday_can_be_added_by_jalali_date(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("wagtailsnippets_core_holiday:add"), {"date": "1405/03/27", "title": "Eid al-Adha"})
    assert response.status_code == 302
    assert Holiday.objects.get(title="Eid al-Adha").date == dt.date(2026, 6, 17)


def test_wagtail_holiday_added_in_the_admin_is_a_day_off(client, superuser):
    client.force_login(superuser)
    is_working_day(j(1405, 3, 27))
    client.post(reverse("wagtailsnippets_core_holiday:add"), {"date": "1405/03/27", "title": "Eid al-Adha"})
    assert is_working_day(j(1405, 3, 27)) is False


def test_django_admin_holiday_can_be_added_by_jalali_date(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:core_holiday_add"), {"date": "۱۴۰۵/۰۳/۲۷", "title": "Eid al-Adha"})
    assert response.status_code == 302
    assert Holiday.objects.get(title="Eid al-Adha").date == dt.date(2026, 6, 17)


def test_django_admin_holiday_list_shows_jalali_dates(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:core_holiday_changelist"))
    assert "۱۴۰۵/۰۱/۰۱" in response.content.decode()


def test_wagtail_holiday_edit_form_shows_the_jalali_date(client, superuser):
    client.force_login(superuser)
    holiday = Holiday.objects.get(date=j(1405, 1, 1))
    response = client.get(reverse("wagtailsnippets_core_holiday:edit", args=[holiday.pk]))
    assert 'value="۱۴۰۵/۰۱/۰۱"' in response.content.decode()


def test_wagtail_holiday_form_rejects_a_date_missing_from_the_jalali_calendar(client, superuser):
    client.force_login(superuser)
    client.post(reverse("wagtailsnippets_core_holiday:add"), {"date": "1404/12/30", "title": "No such day"})
    assert not Holiday.objects.filter(title="No such day").exists()
