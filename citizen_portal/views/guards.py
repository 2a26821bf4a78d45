"""Request guards shared by the upload views."""

from __future__ import annotations

import functools

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

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
