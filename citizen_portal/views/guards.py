"""Request guards shared by the portal's views: body size, refusals of access, the throttle page."""

from __future__ import annotations

import functools

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .. import conf, ratelimit
from ..uploads import total_limit_bytes

# room for the text fields and multipart framing on top of the files themselves
BODY_MARGIN = 1024 * 1024


def body_size_limited(view):
    """Refuse bodies over the upload limit before they are read (the CSRF check would read them)."""
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.method == "POST" and length > total_limit_bytes() + BODY_MARGIN:
            return render(
                request, "citizen_portal/too_large.html", {"limit_mb": total_limit_bytes() // 2**20}, status=413
            )
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def too_many(request, message: str = "", *, retry_after: int = 0, back_url: str = ""):
    """The 429 page: a translated message, and Retry-After when we know it."""
    response = render(
        request,
        "citizen_portal/too_many.html",
        {"message": message or _("Too many attempts. Please try again later."), "back_url": back_url},
        status=429,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


DENIALS = "access-denied"


def _denial_window() -> int:
    return int(conf.get("PORTAL_ACCESS_DENIAL_WINDOW_MINUTES")) * 60


def no_access(request):
    """The one answer for "no such code" and "not yours" (same status, same page); counts against the address."""
    ratelimit.count(DENIALS, ratelimit.client_ip(request), window_seconds=_denial_window())
    return render(request, "citizen_portal/no_access.html", status=403)


def denials_limited(view):
    """Receipt and status pages: an address refused too often gets 429 on all of them for a while,
    so codes cannot be probed there (and the answers do not differ anyway)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        refused = ratelimit.peek(DENIALS, ratelimit.client_ip(request))
        if refused >= int(conf.get("PORTAL_ACCESS_DENIALS_PER_IP")):
            return too_many(request, retry_after=_denial_window())
        return view(request, *args, **kwargs)

    return wrapper
