"""The portal's limiters: fixed-window counters, failure lockouts and the tracking look-up guard.

Every identity that is an address comes from core.client.client_ip (trusted proxies only); the
counters themselves are core.ratelimit's, keyed by digests so no code or number is in the cache.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.core.cache import cache

from core.client import client_ip  # noqa: F401  (the one client identity; re-exported for the views)
from core.ratelimit import count, hit, peek  # noqa: F401  (re-exported)
from core.ratelimit import key as _key

from . import conf


def _lock(name: str, seconds: int) -> None:
    cache.set(name, time.time() + seconds, timeout=seconds)


def _remaining(name: str) -> int:
    """Seconds left on a lock or pace key (0 when there is none)."""
    until = cache.get(name)
    if not until:
        return 0
    return max(1, math.ceil(float(until) - time.time()))


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
                _lock(_key(self.scope + ":lock", identity), self.seconds)

    def succeed(self, *identities: str) -> None:
        for identity in identities:
            if identity:
                cache.delete(_key(self.scope + ":fail", identity))


@dataclass(frozen=True)
class Verdict:
    """What a limiter says before an attempt: go ahead, locked, or wait a few seconds."""

    locked: bool = False
    retry_after: int = 0

    @property
    def allowed(self) -> bool:
        return not self.locked and not self.retry_after


class TrackingGuard:
    """Tracking look-ups (HTML page, API look-up and withdraw).

    Failures lock the (code, IP) pair and, past a higher count, the IP. Failures on one code from
    every IP only *slow* that code: each address may then try it once every few seconds, so a
    distributed guesser is paced while the citizen, from their own address, is never locked out.
    """

    scope = "track"

    @property
    def seconds(self) -> int:
        return int(conf.get("PORTAL_TRACK_LOCKOUT_MINUTES")) * 60

    def _names(self, code: str, ip: str) -> dict[str, str]:
        pair = f"{code}|{ip}"
        return {
            "pair_fail": _key(self.scope + ":pair-fail", pair),
            "pair_lock": _key(self.scope + ":pair-lock", pair),
            "ip_fail": _key(self.scope + ":ip-fail", ip),
            "ip_lock": _key(self.scope + ":ip-lock", ip),
            "code_fail": _key(self.scope + ":code-fail", code),
            "pace": _key(self.scope + ":pace", pair),
        }

    def code_is_slowed(self, code: str) -> bool:
        return bool(code) and int(cache.get(self._names(code, "")["code_fail"]) or 0) >= int(
            conf.get("PORTAL_TRACK_CODE_SLOWDOWN_AFTER")
        )

    def check(self, code: str, ip: str) -> Verdict:
        """Before an attempt; an allowed attempt on a slowed code starts the pair's pause."""
        names = self._names(code, ip)
        locked = max(_remaining(names["ip_lock"]), _remaining(names["pair_lock"]) if code else 0)
        if locked:
            return Verdict(locked=True, retry_after=locked)
        if self.code_is_slowed(code):
            wait = _remaining(names["pace"])
            if wait:
                return Verdict(retry_after=wait)
            _lock(names["pace"], int(conf.get("PORTAL_TRACK_CODE_SLOWDOWN_SECONDS")))
        return Verdict()

    def fail(self, code: str, ip: str) -> None:
        names = self._names(code, ip)
        window = self.seconds
        if count(self.scope + ":ip-fail", ip, window_seconds=window) >= int(
            conf.get("PORTAL_TRACK_MAX_FAILURES_PER_IP")
        ):
            _lock(names["ip_lock"], window)
        if not code:
            return
        if count(self.scope + ":pair-fail", f"{code}|{ip}", window_seconds=window) >= int(
            conf.get("PORTAL_TRACK_MAX_FAILURES")
        ):
            _lock(names["pair_lock"], window)
        count(self.scope + ":code-fail", code, window_seconds=window)

    def succeed(self, code: str, ip: str) -> None:
        """The citizen got in: forget this pair's failures (not the IP's, not the code's)."""
        cache.delete(self._names(code, ip)["pair_fail"])


tracking_guard = TrackingGuard()
