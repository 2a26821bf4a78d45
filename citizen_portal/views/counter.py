"""Counter registration (میز خدمت حضوری): desk clerks register walk-in and paper-letter requests."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

from cms.models import ServiceGuidePage
from core import audit
from workflows.services import ServiceError

from .. import access, submission
from ..forms import CounterForm
from .apply import live_guide
from .guards import body_size_limited


def _clerk_only(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.is_desk_clerk(request.user):
        audit.record("permission_denied", actor=request.user, request=request, view="counter")
        return render(request, "citizen_portal/no_access.html", status=403)
    return None


def services_list(request):
    refusal = _clerk_only(request)
    if refusal:
        return refusal
    guides = ServiceGuidePage.objects.live().order_by("title")
    return render(request, "citizen_portal/counter_services.html", {"guides": guides})


@body_size_limited
def register(request, service_code: str):
    refusal = _clerk_only(request)
    if refusal:
        return refusal
    guide = live_guide(service_code)
    status = 200
    if request.method == "POST":
        form = CounterForm(request.POST, request.FILES, guide=guide)
        if form.is_valid():
            try:
                service_request = submission.submit(
                    form,
                    channel=form.cleaned_data["channel"],
                    actor=request.user,
                    letter_number=form.cleaned_data.get("letter_number") or "",
                    letter_date=form.cleaned_data.get("letter_date"),
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                access.grant(request, service_request.tracking_code)
                return redirect("citizen_portal:receipt", tracking_code=service_request.tracking_code)
        status = 400
    else:
        form = CounterForm(guide=guide)
    return render(request, "citizen_portal/counter_register.html", {"guide": guide, "form": form}, status=status)
