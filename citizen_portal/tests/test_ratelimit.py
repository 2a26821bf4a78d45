"""Cache counters: limits per window and lockouts after repeated failures."""

import pytest
from django.core.cache import cache

from citizen_portal import ratelimit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_hits_within_limit_pass_and_the_next_is_refused():
    results = [ratelimit.hit("t", "x", limit=3, window_seconds=60) for _ in range(4)]
    assert results == [True, True, True, False]


def test_limits_are_per_identity():
    for _ in range(3):
        ratelimit.hit("t", "a", limit=3, window_seconds=60)
    assert ratelimit.hit("t", "b", limit=3, window_seconds=60) is True


def test_lockout_after_max_failures(settings):
    settings.PORTAL_TRACK_MAX_FAILURES = 3
    lock = ratelimit.Lockout("test")
    for _ in range(2):
        lock.fail("ip:1")
    assert not lock.is_locked("ip:1")
    lock.fail("ip:1")
    assert lock.is_locked("ip:1")


def test_cache_keys_do_not_contain_the_identity():
    key = ratelimit._key("track", "code:12345678901234")
    assert "12345678901234" not in key
