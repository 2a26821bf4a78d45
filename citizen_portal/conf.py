"""Portal settings with their defaults, so a deployment can tune limits without code changes."""

from django.conf import settings

DEFAULTS: dict[str, object] = {
    # uploads (the size limits' defaults are in core.uploads)
    "PORTAL_STAGING_MAX_AGE": 3600,  # seconds a validated upload waits for the form to be corrected
    # tracking look-ups (failures per tracking code + address lock that pair; see ratelimit.TrackingGuard)
    "PORTAL_TRACK_MAX_FAILURES": 5,
    "PORTAL_TRACK_LOCKOUT_MINUTES": 15,
    "PORTAL_TRACK_MAX_FAILURES_PER_IP": None,  # failures over all codes that lock an address; None: 4 x the above
    "PORTAL_TRACK_CODE_SLOWDOWN_AFTER": None,  # failures on one code, all addresses, before it is slowed; None: 2 x
    "PORTAL_TRACK_CODE_SLOWDOWN_SECONDS": 30,  # then each address may try that code once per this many seconds
    "PORTAL_API_LOOKUP_RATE": "30/min",
    "PORTAL_API_SUBMIT_RATE": "20/hour",  # per address, the API and the HTML apply form together
    # receipt and status pages: refusals per address before every such page answers 429
    "PORTAL_ACCESS_DENIALS_PER_IP": 30,
    "PORTAL_ACCESS_DENIAL_WINDOW_MINUTES": 15,
    # one-time codes for "my requests"
    "PORTAL_OTP_TTL_SECONDS": 300,
    "PORTAL_OTP_MAX_ATTEMPTS": 5,
    "PORTAL_OTP_SENDS_PER_MOBILE": 3,
    "PORTAL_OTP_SENDS_PER_IP": 10,
    "PORTAL_OTP_SEND_WINDOW_MINUTES": 15,
    "PORTAL_OTP_SESSION_MINUTES": 30,
    # satisfaction survey
    "PORTAL_REVIEW_WINDOW_DAYS": 10,
}


DERIVED = {
    "PORTAL_TRACK_MAX_FAILURES_PER_IP": ("PORTAL_TRACK_MAX_FAILURES", 4),
    "PORTAL_TRACK_CODE_SLOWDOWN_AFTER": ("PORTAL_TRACK_MAX_FAILURES", 2),
}


def get(name: str):
    """The setting `name`, or its portal default (some default to a multiple of another setting)."""
    value = getattr(settings, name, DEFAULTS[name])
    if value is None and name in DERIVED:
        base, factor = DERIVED[name]
        return int(get(base)) * factor
    return value
