"""django-axes glue: separate limits per username and per client address, and the Persian lockout page.

Unlock before the cool-off ends: `manage.py axes_reset_username <username>` or `axes_reset_ip <address>`
(docs/deploy.md).
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from core.client import UNKNOWN, client_ip


def client_address(request) -> str | None:
    """The client address axes stores: core.client's, or None when there is none (an IP column
    refuses the placeholder "unknown"; e.g. a sign-in through authenticate() without a request)."""
    address = client_ip(request)
    return None if address == UNKNOWN else address


class StaffLockoutHandler(AxesDatabaseHandler):
    """Axes has one failure limit; this scales the per-address count so an address locks at DESK_LOCKOUT_IP_LIMIT
    while a username still locks at AXES_FAILURE_LIMIT (an office behind one NAT address shares its count)."""

    def get_failures(self, request, credentials=None) -> int:
        user_limit = settings.AXES_FAILURE_LIMIT
        ip_limit = max(settings.DESK_LOCKOUT_IP_LIMIT, 1)
        worst = 0
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == "ip_address":
                # floor(n * L / M) >= L exactly when n >= M
                failures = failures * user_limit // ip_limit
            worst = max(worst, failures)
        return worst


def lockout_response(request, original_response=None, credentials=None):
    """The page every staff sign-in form shows while the username or address is locked (HTTP 429)."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "staff_auth/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
