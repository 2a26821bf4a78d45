"""Apply online for a service: the form generated from the guide's required documents."""

from __future__ import annotations

import random

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cms.models import ServiceGuidePage
from workflows.enums import RequestChannel
from workflows.services import ServiceError

from .. import access, staging, submission
from ..forms import ApplyForm
from .guards import body_size_limited


def live_guide(service_code: str) -> ServiceGuidePage:
    return get_object_or_404(
        ServiceGuidePage.objects.live().select_related("responsible_unit"), service_code=service_code[:20]
    )


@body_size_limited
def apply(request, service_code: str):
    guide = live_guide(service_code)
    if not guide.accepts_online:
        raise Http404
    status = 200
    if request.method == "POST":
        form = ApplyForm(request.POST, request.FILES, guide=guide)
        if form.is_valid():
            try:
                service_request = submission.submit(form, channel=RequestChannel.ONLINE)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                access.grant(request, service_request.tracking_code)
                return redirect("citizen_portal:receipt", tracking_code=service_request.tracking_code)
        status = 400
    else:
        form = ApplyForm(guide=guide)
        if random.random() < 0.05:  # noqa: S311  (housekeeping, not security)
            staging.purge_expired()
    return render(request, "citizen_portal/apply.html", {"guide": guide, "form": form}, status=status)
