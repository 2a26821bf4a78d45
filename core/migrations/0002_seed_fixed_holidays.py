"""Seed the fixed-date (solar) Iranian official holidays of Jalali years 1404-1406.

Lunar (Hijri) holidays move every year; editors enter them in the admin. Safe to run on a
table that already holds some of these days (get_or_create by date), and reversible: only
rows that still carry the seeded title are removed.
"""

import jdatetime
from django.core.cache import cache
from django.db import migrations

YEARS = (1404, 1405, 1406)
# (month, day, title) in the Jalali calendar.
FIXED_HOLIDAYS = [
    (1, 1, "عید نوروز"),
    (1, 2, "عید نوروز"),
    (1, 3, "عید نوروز"),
    (1, 4, "عید نوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "روز ملی شدن صنعت نفت"),
]
# Same key as core.calendar.VERSION_CACHE_KEY: changing it makes running workers reload holidays.
VERSION_CACHE_KEY = "core:calendar:holidays-version"


def seeded_rows():
    for year in YEARS:
        for month, day, title in FIXED_HOLIDAYS:
            yield jdatetime.date(year, month, day).togregorian(), title


def seed(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    for date, title in seeded_rows():
        Holiday.objects.using(schema_editor.connection.alias).get_or_create(date=date, defaults={"title": title})
    cache.delete(VERSION_CACHE_KEY)


def unseed(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    for date, title in seeded_rows():
        Holiday.objects.using(schema_editor.connection.alias).filter(date=date, title=title).delete()
    cache.delete(VERSION_CACHE_KEY)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
