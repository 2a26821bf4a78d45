"""One-time codes by SMS for "my requests": expire, single use, throttled, stored as keyed hashes."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.digests import OTP, digest_candidates, keyed_digest, matches
from core.sms import send_sms

from . import conf, ratelimit
from .models import OneTimeCode

CODE_DIGITS = 6


class OtpError(Exception):
    """A user-facing refusal (throttled); `.message` is translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _mobile_value(mobile: str) -> str:
    return f"mobile:{mobile}"


def mobile_hash(mobile: str) -> str:
    return keyed_digest(OTP, _mobile_value(mobile))


def _code_value(mobile_key: str, code: str) -> str:
    return f"code:{mobile_key}:{code}"


def issue_code(mobile: str, ip: str) -> None:
    """Send a fresh code to `mobile` (already normalised); earlier codes stop working. Raises OtpError."""
    window = int(conf.get("PORTAL_OTP_SEND_WINDOW_MINUTES")) * 60
    # The address (core.client.client_ip) is counted first: a refused address spends nothing of the mobile's budget.
    allowed = ratelimit.hit(
        "otp-send-ip", ip, limit=int(conf.get("PORTAL_OTP_SENDS_PER_IP")), window_seconds=window
    ) and ratelimit.hit(
        "otp-send-mobile", mobile, limit=int(conf.get("PORTAL_OTP_SENDS_PER_MOBILE")), window_seconds=window
    )
    if not allowed:
        raise OtpError(_("Too many codes were requested. Please try again later."))
    code = "".join(secrets.choice("0123456789") for _i in range(CODE_DIGITS))
    now = timezone.now()
    key = mobile_hash(mobile)
    with transaction.atomic():
        OneTimeCode.objects.filter(
            mobile_hash__in=digest_candidates(OTP, _mobile_value(mobile)), used_at__isnull=True
        ).update(used_at=now)
        OneTimeCode.objects.create(
            mobile_hash=key,
            code_hash=keyed_digest(OTP, _code_value(key, code)),
            expires_at=now + dt.timedelta(seconds=int(conf.get("PORTAL_OTP_TTL_SECONDS"))),
        )
    send_sms(mobile, _("Your code for the service desk: %(code)s") % {"code": code})


def check_code(mobile: str, code: str, ip: str) -> bool:
    """True once for the right, unexpired code; wrong guesses count against the code and the IP."""
    if not ratelimit.hit("otp-check-ip", ip, limit=int(conf.get("PORTAL_OTP_SENDS_PER_IP")) * 5, window_seconds=3600):
        return False
    # Either key during a rotation, so a code sent just before it still works.
    keys = digest_candidates(OTP, _mobile_value(mobile))
    now = timezone.now()
    with transaction.atomic():
        current = (
            OneTimeCode.objects.select_for_update()
            .filter(mobile_hash__in=keys, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if current is None:
            return False
        if not matches(OTP, _code_value(current.mobile_hash, code), current.code_hash):
            current.attempts += 1
            if current.attempts >= int(conf.get("PORTAL_OTP_MAX_ATTEMPTS")):
                current.used_at = now  # burnt: too many guesses
            current.save(update_fields=["attempts", "used_at"])
            return False
        current.used_at = now
        current.save(update_fields=["used_at"])
        return True
