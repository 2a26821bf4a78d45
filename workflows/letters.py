"""The decision letter: a Persian PDF with a reference number (core.pdf)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.dates import format_jalali
from core.pdf import render_pdf

from .enums import RequestStatus
from .models import ServiceRequest
from .tracking import format_tracking_code


def render_decision_letter(request: ServiceRequest) -> bytes:
    with override("fa"):
        decision = request.timeline.filter(action__in=["approve", "reject"]).order_by("-at", "-pk").first()
        context = {
            "title": _("Decision on your request"),
            "request": request,
            "approved": request.status == RequestStatus.APPROVED,
            "decision_label": request.get_status_display(),
            "reference": request.decision_number,
            "issued_on": format_jalali(timezone.now()),
            "tracking": format_tracking_code(request.tracking_code),
            "service": request.guide.title,
            "applicant_name": request.applicant.full_name,
            "comment": decision.comment if decision else "",
            "unit": decision.unit.name if decision and decision.unit_id else "",
        }
        return render_pdf("workflows/letters/decision.html", context)
