"""Tracking look-up with its limiter (citizen_portal.ratelimit.TrackingGuard), shared by the HTML page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from core.persian import to_persian_digits
from core.validators import normalize_national_id
from workflows import services
from workflows.tracking import normalize_tracking_code

from .ratelimit import client_ip, tracking_guard

GENERIC_ERROR = gettext_lazy("No request matches this tracking code and national ID.")
LOCKED_ERROR = gettext_lazy("Too many unsuccessful attempts. Please try again later.")


@dataclass
class LookupResult:
    service_request: object | None = None
    locked: bool = False
    retry_after: int = 0  # seconds; with locked=False: this code is being slowed, try again shortly

    @property
    def refused(self) -> bool:
        return self.locked or bool(self.retry_after)

    @property
    def refusal_message(self) -> str:
        if self.locked:
            return str(LOCKED_ERROR)
        return _(
            "Many unsuccessful attempts were made on this tracking code. Please try again in %(seconds)s seconds."
        ) % {"seconds": to_persian_digits(str(self.retry_after)) if get_language_bidi() else self.retry_after}


def lookup(request, raw_code: str, raw_national_id: str) -> LookupResult:
    """Find the request. Failures lock this (code, address) pair and, past a higher count, the
    address; failures on a code from many addresses only slow it, so its citizen still gets in."""
    ip = client_ip(request)
    code = normalize_tracking_code(str(raw_code or "")[:40])
    verdict = tracking_guard.check(code, ip)
    if not verdict.allowed:
        return LookupResult(locked=verdict.locked, retry_after=verdict.retry_after)
    national_id = None
    try:
        national_id = normalize_national_id(str(raw_national_id or "")[:40])
    except Exception:  # noqa: BLE001  (any format problem is just "no match")
        national_id = None
    found = services.find_request(code, national_id) if code and national_id else None
    if found is None:
        tracking_guard.fail(code, ip)
        return LookupResult()
    tracking_guard.succeed(code, ip)
    return LookupResult(service_request=found)
