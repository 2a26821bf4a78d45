"""Apply online for a service: the form generated from the guide's required documents."""

from __future__ import annotations

import random

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms.models import ServiceGuidePage
from workflows.enums import RequestChannel
from workflows.services import ServiceError

from .. import access, staging, submission
from ..forms import ApplyForm
from ..throttles import submit_allowed
from .guards import body_size_limited, too_many


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
        allowed, retry_after = submit_allowed(request)  # the API's budget, per address, before anything is stored
        if not allowed:
            message = _("Too many applications were sent from your connection. Please try again later.")
            return too_many(request, message, retry_after=retry_after, back_url=request.path)
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
        if random.random() < 0.05:  # housekeeping, not security  # noqa: S311  # nosec B311
            staging.purge_expired()
    return render(request, "citizen_portal/apply.html", {"guide": guide, "form": form}, status=status)
