"""Browser-side hardening headers on every response: Content-Security-Policy (django-csp, with a looser
policy only under the admin prefixes that cannot work without inline code) and Permissions-Policy.

The strict policy (settings.CONTENT_SECURITY_POLICY) has no 'unsafe-inline': our templates keep their
scripts and styles in static files. Wagtail's and Django's admin screens ship inline scripts and
style attributes of their own, so under settings.CSP_ADMIN_PREFIXES the policy adds 'unsafe-inline'
for scripts and styles (settings.CSP_ADMIN_UPDATE) and lets the admin frame itself (CSP_ADMIN_REPLACE,
for Wagtail's live preview); every other directive stays the same.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

DEFAULT_PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "usb": "()",
}


def admin_prefixes() -> tuple[str, ...]:
    """Paths (with a leading slash) that get the admin policy."""
    return tuple("/" + p.strip("/") + "/" for p in getattr(settings, "CSP_ADMIN_PREFIXES", ()) if p.strip("/"))


def permissions_policy() -> str:
    policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
    return ", ".join(f"{feature}={allow}" for feature, allow in policy.items())


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, plus the admin prefixes' policy and the Permissions-Policy header."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(admin_prefixes()):
            if parts.update is None:
                parts.update = getattr(settings, "CSP_ADMIN_UPDATE", None)
            if parts.replace is None:  # Wagtail's live preview frames its own admin pages
                parts.replace = getattr(settings, "CSP_ADMIN_REPLACE", None)
        return parts

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy()
        return response
