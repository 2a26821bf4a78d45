"""Cache-based counters: fixed-window rate limits and failure lockouts.

Keys are hashed so a tracking code or mobile number never appears in the cache in clear.
"""

from __future__ import annotations

from django.core.cache import cache

from core.client import client_ip  # noqa: F401  (the one client identity; re-exported for the views)
from core.digests import RATELIMIT, keyed_digest

from . import conf

PREFIX = "portal:rl:"


def _key(scope: str, identity: str) -> str:
    # Counters live minutes in the cache: after a key rotation they simply start again.
    digest = keyed_digest(RATELIMIT, f"{scope}:{identity}")
    return f"{PREFIX}{scope}:{digest[:40]}"


def hit(scope: str, identity: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event; True while the count stays within `limit` for the window."""
    key = _key(scope, identity)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


class Lockout:
    """After `max_failures` failures for any identity, that identity is locked for a while."""

    def __init__(self, scope: str):
        self.scope = scope

    @property
    def max_failures(self) -> int:
        return int(conf.get("PORTAL_TRACK_MAX_FAILURES"))

    @property
    def seconds(self) -> int:
        return int(conf.get("PORTAL_TRACK_LOCKOUT_MINUTES")) * 60

    def is_locked(self, *identities: str) -> bool:
        return any(cache.get(_key(self.scope + ":lock", i)) for i in identities if i)

    def fail(self, *identities: str) -> None:
        for identity in identities:
            if not identity:
                continue
            if not hit(self.scope + ":fail", identity, limit=self.max_failures - 1, window_seconds=self.seconds):
                cache.set(_key(self.scope + ":lock", identity), 1, timeout=self.seconds)

    def succeed(self, *identities: str) -> None:
        """A success clears the failure counters of the code, not of the IP."""
        for identity in identities:
            if identity:
                cache.delete(_key(self.scope + ":fail", identity))


tracking_lockout = Lockout("track")
