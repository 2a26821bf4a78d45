"""The citizen's picture of a request, built from the request and its pinned plan only."""

from cms.models import RequiredDocument
from core.dates import format_jalali
from core.people import display_name

from .enums import DECIDED_STATUSES, RequestStatus
from .models import ServiceRequest
from .tracking import format_tracking_code


def build_citizen_view(service_request: ServiceRequest) -> dict:
    request = service_request
    snapshot = request.routing_snapshot or []
    remaining_from = max(request.stage_index + 1, 0) if request.is_open else len(snapshot)
    requested = list(request.requested_keys or []) if request.status == RequestStatus.AWAITING_CITIZEN else []
    names = dict(RequiredDocument.objects.filter(key__in=requested).values_list("key", "name"))
    return {
        "tracking_code": request.tracking_code,
        "tracking_code_display": format_tracking_code(request.tracking_code),
        "status": request.status,
        "status_display": request.get_status_display(),
        "stage_title": request.stage_title if request.is_open else "",
        "unit_name": request.current_unit.name if request.current_unit_id and request.is_open else "",
        "officer_name": display_name(request.current_officer) if request.is_open else "",
        "due_date": request.due_date,
        "due_date_display": format_jalali(request.due_date),
        "submitted_at": request.submitted_at,
        "remaining_stages": [
            {"title": stage.get("title", ""), "unit_name": stage.get("unit_name", "")}
            for stage in snapshot[remaining_from:]
        ],
        "timeline": [
            {
                "at": entry.at,
                "label": entry.label,
                "comment": entry.comment,
                "unit": entry.unit.name if entry.unit_id else "",
            }
            for entry in request.timeline.filter(visible_to_citizen=True).select_related("unit")
        ],
        "requested_documents": [{"key": key, "name": names.get(key, key)} for key in requested],
        "service_title": request.guide.title,
        "service_code": request.guide.service_code,
        "decision_letter_available": request.status in DECIDED_STATUSES and bool(request.decision_letter),
    }
