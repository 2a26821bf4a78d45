""" "My requests": prove the mobile with a one-time SMS code, then list that mobile's requests."""

from __future__ import annotations

import time

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from workflows.models import ServiceRequest

from .. import access, conf, otp
from ..forms import CodeForm, MobileForm
from ..ratelimit import client_ip

PENDING_KEY = "portal_otp_mobile"
VERIFIED_KEY = "portal_verified_mobile"


@require_http_methods(["GET", "POST"])
def start(request):
    status = 200
    error = ""
    if request.method == "POST":
        form = MobileForm(request.POST)
        if form.is_valid():
            mobile = form.cleaned_data["mobile"]
            try:
                otp.issue_code(mobile, client_ip(request))
            except otp.OtpError as refusal:
                error, status = refusal.message, 429
            else:
                request.session[PENDING_KEY] = mobile
                return redirect("citizen_portal:my_requests_code")
        else:
            status = 400
    else:
        form = MobileForm()
    return render(request, "citizen_portal/my_requests_start.html", {"form": form, "error": error}, status=status)


@require_http_methods(["GET", "POST"])
def enter_code(request):
    mobile = request.session.get(PENDING_KEY)
    if not mobile:
        return redirect("citizen_portal:my_requests")
    status = 200
    error = ""
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid() and otp.check_code(mobile, form.cleaned_data["code"], client_ip(request)):
            request.session.cycle_key()
            request.session.pop(PENDING_KEY, None)
            minutes = int(conf.get("PORTAL_OTP_SESSION_MINUTES"))
            request.session[VERIFIED_KEY] = {"mobile": mobile, "until": time.time() + minutes * 60}
            return redirect("citizen_portal:my_requests_list")
        error, status = _("The code is wrong or has expired."), 400
    else:
        form = CodeForm()
    return render(request, "citizen_portal/my_requests_code.html", {"form": form, "error": error}, status=status)


def verified_mobile(request) -> str | None:
    verified = request.session.get(VERIFIED_KEY) or {}
    if verified.get("until", 0) > time.time():
        return verified.get("mobile")
    return None


def listing(request):
    mobile = verified_mobile(request)
    if not mobile:
        return redirect("citizen_portal:my_requests")
    requests = list(
        ServiceRequest.objects.filter(applicant__mobile=mobile)
        .select_related("guide", "current_unit")
        .order_by("-submitted_at")[:100]
    )
    for service_request in requests:
        access.grant(request, service_request.tracking_code)
    return render(request, "citizen_portal/my_requests_list.html", {"requests": requests})
