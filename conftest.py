"""Suite-wide fixtures: every test starts with empty caches so query counts do not depend on order."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import cache

    from core import sms
    from core.calendar import clear_holiday_cache

    cache.clear()
    clear_holiday_cache()
    sms.outbox.clear()
    yield
