"""Working-day arithmetic on the Jalali calendar: configurable weekends plus the holiday table.

Every deadline in the desk (stage and overall due dates, pauses while waiting for a citizen)
is counted here, so the rules live in one place:

- Weekend days come from ``settings.DESK_WEEKEND_DAYS`` (ISO weekday numbers, Mon=0 … Sun=6);
  Friday (4) by default, Thursday and Friday with ``DESK_WEEKEND_DAYS="3,4"``.
- Official holidays come from the ``core.Holiday`` table, edited in the Wagtail admin
  (Snippets → Official holidays) or the Django admin. Migration ``core.0002`` seeds the
  fixed-date (solar) holidays of Jalali years 1404–1406. Lunar (Hijri) holidays move every
  year and are announced officially, so editors enter them per year, by Jalali date.

The holiday set is loaded with one query and kept in process memory. A version stamp in Django's
cache lets every worker notice a change; saving or deleting a Holiday clears the copy and
changes the version once the transaction commits. ``bulk_create`` and ``QuerySet.update``
send no signals: call ``clear_holiday_cache()`` after them.
As a safety net the copy is reloaded after ``DESK_HOLIDAY_CACHE_SECONDS`` (default 300).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import jdatetime
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Holiday
from .persian import to_ascii_digits

VERSION_CACHE_KEY = "core:calendar:holidays-version"

_lock = threading.Lock()
# (version, loaded_at monotonic seconds, dates); None when nothing is loaded.
_memo: tuple[str, float, frozenset[dt.date]] | None = None
# Monotonic time of a Holiday write that has not committed yet: while set, nothing is memoised,
# so an uncommitted (and possibly rolled back) holiday never outlives its transaction.
_dirty_since: float | None = None


def _ttl() -> float:
    return float(getattr(settings, "DESK_HOLIDAY_CACHE_SECONDS", 300))


def _current_version() -> str:
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_CACHE_KEY) or ""
    return version


def holiday_dates() -> frozenset[dt.date]:
    """All official holiday dates: at most one query, none while the memoised copy is fresh."""
    global _memo, _dirty_since
    now = time.monotonic()
    version = _current_version()
    dirty = _dirty_since is not None and now - _dirty_since < _ttl()
    memo = _memo
    if not dirty and memo is not None and memo[0] == version and now - memo[1] < _ttl():
        return memo[2]
    dates = frozenset(Holiday.objects.values_list("date", flat=True))
    if not dirty:
        with _lock:
            _memo = (version, now, dates)
            _dirty_since = None
    return dates


def clear_holiday_cache() -> None:
    """Forget the holiday set here and, through the shared version stamp, in every other process."""
    global _memo, _dirty_since
    with _lock:
        _memo = None
        _dirty_since = None
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)


@receiver(post_save, sender=Holiday, dispatch_uid="core.calendar.holiday_saved")
@receiver(post_delete, sender=Holiday, dispatch_uid="core.calendar.holiday_deleted")
def _holiday_changed(**kwargs) -> None:
    global _memo, _dirty_since
    with _lock:
        _memo = None
        _dirty_since = time.monotonic()
    transaction.on_commit(clear_holiday_cache, using=kwargs.get("using"))


def _weekend_days() -> frozenset[int]:
    weekend = frozenset(int(day) for day in settings.DESK_WEEKEND_DAYS)
    if len(weekend) >= 7:
        raise ValueError("DESK_WEEKEND_DAYS leaves no working day in the week.")
    return weekend


def local_date(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day in Tehran (the site time zone) for a date or an (aware) datetime."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _is_working(day: dt.date, weekend: frozenset[int], holidays: frozenset[dt.date]) -> bool:
    return day.weekday() not in weekend and day not in holidays


def is_working_day(day: dt.date | dt.datetime) -> bool:
    """False on weekend days and official holidays."""
    return _is_working(local_date(day), _weekend_days(), holiday_dates())


def add_working_days(start: dt.date | dt.datetime, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself does not count).

    Zero returns start's date unchanged; a negative count walks back to the |days|-th working
    day before start. For every start and n, working_days_between(start, result) == n.
    """
    weekend, holidays = _weekend_days(), holiday_dates()
    current = local_date(start)
    step = dt.timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    while remaining > 0:
        current += step
        if _is_working(current, weekend, holidays):
            remaining -= 1
    return current


def _count_working(first: dt.date, last: dt.date, weekend: frozenset[int], holidays: frozenset[dt.date]) -> int:
    """Working days in [first, last], by whole weeks, without walking every day."""
    if last < first:
        return 0
    total_days = (last - first).days + 1
    weeks, rest = divmod(total_days, 7)
    count = weeks * (7 - len(weekend))
    count += sum(1 for n in range(rest) if (first.weekday() + n) % 7 not in weekend)
    count -= sum(1 for day in holidays if first <= day <= last and day.weekday() not in weekend)
    return count


def working_days_between(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> int:
    """Working days from start to end, counting end but not start; negative when end is earlier.

    Forward this counts (start, end]; backward it counts [end, start) and negates, so it is
    the exact inverse of add_working_days.
    """
    start_day, end_day = local_date(start), local_date(end)
    weekend, holidays = _weekend_days(), holiday_dates()
    if end_day >= start_day:
        return _count_working(start_day + dt.timedelta(days=1), end_day, weekend, holidays)
    return -_count_working(end_day, start_day - dt.timedelta(days=1), weekend, holidays)


def due_date_for(start: dt.date | dt.datetime, working_days: int) -> dt.date:
    """The due date of something that starts at `start` and is allowed `working_days` working days.

    A datetime is first turned into its Tehran calendar day, so a request submitted at 23:30
    UTC (03:00 next day in Tehran) is counted from the Tehran day.
    """
    return add_working_days(local_date(start), working_days)


def working_days_paused(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> int:
    """Working days a clock stood still between two moments (never negative).

    Used to push a due date back by the time a request waited for the citizen: pausing and
    resuming on the same day costs nothing; pausing on Saturday and resuming on Monday
    gives back Sunday and Monday.
    """
    return max(0, working_days_between(start, end))


def jalali_to_date(year: int | str, month: int | str, day: int | str) -> dt.date:
    """The Gregorian date of a Jalali date; parts may use any digit script. ValueError if invalid."""
    parts = [int(to_ascii_digits(str(part)).strip()) for part in (year, month, day)]
    return jdatetime.date(*parts).togregorian()


def holiday_from_jalali(year: int | str, month: int | str, day: int | str, title: str) -> Holiday:
    """Create (or retitle) the official holiday on a Jalali date, e.g. (1405, 1, 1, "Nowruz")."""
    holiday, _created = Holiday.objects.update_or_create(
        date=jalali_to_date(year, month, day), defaults={"title": title}
    )
    return holiday
