"""Session clocks: when the account signed in (absolute lifetime) and when it was last active (idle)."""

import time

from django.conf import settings

SIGNED_IN_AT = "staff_auth_signed_in_at"
LAST_SEEN_AT = "staff_auth_last_seen_at"
# Writing the session on every request costs a query; a minute's precision is enough for a 30-minute limit.
_TOUCH_EVERY = 60


def start_session_clock(request) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def expiry_reason(session) -> str:
    """'idle' or 'lifetime' when the signed-in session has run out, else ''."""
    now = int(time.time())
    signed_in = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN_AT)
    if signed_in is not None and now - signed_in > settings.DESK_STAFF_SESSION_MAX_HOURS * 3600:
        return "lifetime"
    if last_seen is not None and now - last_seen > settings.DESK_STAFF_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return ""


def touch(session) -> None:
    """Record activity (at most once a minute); a session without clocks gets them now."""
    now = int(time.time())
    if session.get(SIGNED_IN_AT) is None:
        session[SIGNED_IN_AT] = now
    if now - session.get(LAST_SEEN_AT, 0) >= _TOUCH_EVERY:
        session[LAST_SEEN_AT] = now
