"""The outbox's one source of time, so tests can compress hours of retries into seconds.

Production never calls advance(); the offset stays zero and now() is timezone.now().
"""

import datetime as dt

from django.utils import timezone

_offset = dt.timedelta(0)


def now() -> dt.datetime:
    return timezone.now() + _offset


def advance(seconds: float) -> None:
    """Move the outbox's clock forward (tests and drills only)."""
    global _offset
    _offset += dt.timedelta(seconds=seconds)


def reset() -> None:
    global _offset
    _offset = dt.timedelta(0)
