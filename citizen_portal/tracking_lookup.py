"""Tracking look-up with lockout, shared by the HTML page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.validators import normalize_national_id
from workflows import services
from workflows.tracking import normalize_tracking_code

from .ratelimit import client_ip, tracking_lockout

GENERIC_ERROR = _("No request matches this tracking code and national ID.")
LOCKED_ERROR = _("Too many unsuccessful attempts. Please try again later.")


@dataclass
class LookupResult:
    service_request: object | None = None
    locked: bool = False


def lookup(request, raw_code: str, raw_national_id: str) -> LookupResult:
    """Find the request; failures count per IP and per code, and either can lock further tries."""
    ip = client_ip(request)
    code = normalize_tracking_code(str(raw_code or "")[:40])
    code_identity = f"code:{code}" if code else ""
    ip_identity = f"ip:{ip}"
    if tracking_lockout.is_locked(ip_identity, code_identity):
        return LookupResult(locked=True)
    national_id = None
    try:
        national_id = normalize_national_id(str(raw_national_id or "")[:40])
    except Exception:  # noqa: BLE001  (any format problem is just "no match")
        national_id = None
    found = services.find_request(code, national_id) if code and national_id else None
    if found is None:
        tracking_lockout.fail(ip_identity, code_identity)
        return LookupResult()
    tracking_lockout.succeed(code_identity)
    return LookupResult(service_request=found)
