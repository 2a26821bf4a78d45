"""DRF throttles of the citizen API, keyed on core.client.client_ip, and the same budget for the HTML form.

DRF's own get_ident believes any X-Forwarded-For (or counts NUM_PROXIES hops); ours believes it only
from settings.DESK_TRUSTED_PROXIES, so a rotating header from the client changes nothing.
"""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle

from . import conf
from .ratelimit import client_ip


class ClientIpThrottle(SimpleRateThrottle):
    """A per-address throttle whose rate is a portal setting (`setting`)."""

    setting = ""

    def get_rate(self):
        return conf.get(self.setting)

    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LookupThrottle(ClientIpThrottle):
    scope = "portal_lookup"
    setting = "PORTAL_API_LOOKUP_RATE"


class SubmitThrottle(ClientIpThrottle):
    """Submissions per address: the API and the HTML apply form draw on this one budget."""

    scope = "portal_submit"
    setting = "PORTAL_API_SUBMIT_RATE"


def submit_allowed(request) -> tuple[bool, int]:
    """For the HTML form: counts one submission against the API's budget; (allowed, retry-after seconds)."""
    throttle = SubmitThrottle()
    if throttle.allow_request(request, None):
        return True, 0
    return False, max(1, int(throttle.wait() or 1))
