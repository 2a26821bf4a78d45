"""Keyed digests for look-ups: personal data is found by its digest, never stored or searched in clear.

Every digest is HMAC-SHA256 under a subkey derived from settings.DESK_LOOKUP_KEY and a purpose
label ("national_id", "mobile", ...), so a national-ID digest can never be matched against a
mobile digest, and SECRET_KEY (rotated for session reasons) changes none of them.

Rotating the key: set DESK_LOOKUP_KEY_PREVIOUS to the old key and DESK_LOOKUP_KEY to a new one.
Look-ups then accept either (digest_candidates); `manage.py rekey_lookups` rewrites the stored
digests under the new key, after which DESK_LOOKUP_KEY_PREVIOUS is removed. See docs/deploy.md.
"""

import hashlib
import hmac
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NATIONAL_ID = "national_id"
MOBILE = "mobile"
OTP = "otp"
RATELIMIT = "ratelimit"
SUBSCRIPTION = "subscription"


@lru_cache(maxsize=64)
def _subkey(key: str, purpose: str) -> bytes:
    # HMAC as the key-derivation function: one independent subkey per purpose label.
    return hmac.new(key.encode(), f"desk-lookup-subkey:{purpose}".encode(), hashlib.sha256).digest()


def _digest(key: str, purpose: str, value: str) -> str:
    if not purpose:
        raise ValueError("A keyed digest needs a purpose label.")
    return hmac.new(_subkey(key, purpose), str(value).encode(), hashlib.sha256).hexdigest()


def current_key() -> str:
    key = getattr(settings, "DESK_LOOKUP_KEY", "") or ""
    if not key:
        raise ImproperlyConfigured("Set DESK_LOOKUP_KEY (see docs/deploy.md, 'Lookup key and rotation').")
    return key


def previous_key() -> str:
    """The key being rotated away from, or "" when no rotation is under way."""
    previous = getattr(settings, "DESK_LOOKUP_KEY_PREVIOUS", "") or ""
    return "" if previous == current_key() else previous


def keyed_digest(purpose: str, value: str) -> str:
    """The digest of `value` for `purpose` under the current key: what is stored and compared."""
    return _digest(current_key(), purpose, value)


def digest_candidates(purpose: str, value: str) -> list[str]:
    """Every digest `value` may be stored under: the current key's first, then, during a rotation, the previous key's.

    Look-ups filter with `__in=digest_candidates(...)` so they keep working until `rekey_lookups` has run.
    """
    digests = [keyed_digest(purpose, value)]
    previous = previous_key()
    if previous:
        digests.append(_digest(previous, purpose, value))
    return digests


def matches(purpose: str, value: str, stored: str) -> bool:
    """Constant-time check of `value` against a stored digest, under the current or the previous key."""
    return any(hmac.compare_digest(candidate, stored or "") for candidate in digest_candidates(purpose, value))


# Tables that store digests register how to rewrite them under the current key; `rekey_lookups` runs them.
Rekeyer = Callable[[], int]
_rekeyers: dict[str, Rekeyer] = {}


def register_rekeyer(name: str, rekey: Rekeyer) -> None:
    """`rekey()` rewrites one table's stored digests under the current key and returns how many rows changed."""
    _rekeyers[name] = rekey


def rekeyers() -> dict[str, Rekeyer]:
    return dict(_rekeyers)
