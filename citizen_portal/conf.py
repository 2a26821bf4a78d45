"""Portal settings with their defaults, so a deployment can tune limits without code changes."""

from django.conf import settings

DEFAULTS: dict[str, object] = {
    # uploads (the size limits' defaults are in core.uploads)
    "PORTAL_STAGING_MAX_AGE": 3600,  # seconds a validated upload waits for the form to be corrected
    # tracking look-ups
    "PORTAL_TRACK_MAX_FAILURES": 5,
    "PORTAL_TRACK_LOCKOUT_MINUTES": 15,
    "PORTAL_API_LOOKUP_RATE": "30/min",
    "PORTAL_API_SUBMIT_RATE": "20/hour",
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


def get(name: str):
    """The setting `name`, or its portal default."""
    return getattr(settings, name, DEFAULTS[name])
