"""The one place this app writes a request's timeline (workflows.services has no public function for
external events yet; if it gains one, call it from here)."""

from cms.models import OrganizationalUnit
from core import audit
from core.models import AuditEvent

ACTION_PREFIX = "letter_"  # letter_referred, letter_replied, letter_archived


def record_letter_event(service_request, *, kind: str, comment: str, unit_code: str = ""):
    """Append a citizen-visible timeline entry; the request's status and stage are not changed here."""
    from workflows.models import TimelineEntry

    unit = OrganizationalUnit.objects.filter(code=unit_code).first() if unit_code else None
    entry = TimelineEntry.objects.create(
        request=service_request,
        action=f"{ACTION_PREFIX}{kind}",
        from_status=service_request.status,
        to_status=service_request.status,
        stage_index=service_request.stage_index,
        unit=unit or service_request.current_unit,
        officer_id=service_request.current_officer_id,
        comment=comment,
        visible_to_citizen=True,
    )
    audit.record(
        AuditEvent.Kind.OTHER, obj=service_request, action=entry.action, unit=entry.unit_id, source="office_automation"
    )
    return entry
