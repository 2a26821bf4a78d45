"""Fixed-window cache counters, the one primitive behind every limiter of the site.

Keys are keyed digests, so a tracking code, a mobile number or an address never appears in the
cache in clear. Identities come from core.client.client_ip for addresses.
"""

from __future__ import annotations

from django.core.cache import cache

from .digests import RATELIMIT, keyed_digest

PREFIX = "desk:rl:"


def key(scope: str, identity: str) -> str:
    # Counters live minutes in the cache: after a key rotation they simply start again.
    digest = keyed_digest(RATELIMIT, f"{scope}:{identity}")
    return f"{PREFIX}{scope}:{digest[:40]}"


def count(scope: str, identity: str, *, window_seconds: int) -> int:
    """Count one event for `identity` in `scope`; returns the count so far in this window."""
    name = key(scope, identity)
    cache.add(name, 0, timeout=window_seconds)
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window_seconds)
        return 1


def hit(scope: str, identity: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event; True while the count stays within `limit` for the window."""
    return count(scope, identity, window_seconds=window_seconds) <= limit


def peek(scope: str, identity: str) -> int:
    """The current count, without counting."""
    return int(cache.get(key(scope, identity)) or 0)
