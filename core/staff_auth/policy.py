"""Who must pass the second factor where, and who may still enrol later."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date
from django_otp import user_has_device


def is_protected(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.DESK_MFA_PROTECTED_PREFIXES)


def is_sign_in_page(path: str) -> bool:
    """The admin sites' own sign-in and sign-out pages stay reachable before the second factor."""
    for prefix in (settings.DESK_CMS_ADMIN_PREFIX, settings.DESK_DJANGO_ADMIN_PREFIX):
        if path in (f"/{prefix}login/", f"/{prefix}logout/"):
            return True
    return False


def grace_ends(user) -> dt.datetime | None:
    """When the enrolment grace period of `user` ends (None when there is none)."""
    days = settings.DESK_MFA_ENROLMENT_GRACE_DAYS
    if days <= 0:
        return None
    start = user.date_joined
    required_from = parse_date(settings.DESK_MFA_REQUIRED_FROM or "")
    if required_from is not None:
        start = max(start, timezone.make_aware(dt.datetime.combine(required_from, dt.time())))
    return start + dt.timedelta(days=days)


def may_defer_enrolment(user) -> bool:
    ends = grace_ends(user)
    return ends is not None and timezone.now() < ends and not user_has_device(user)
