"""What the flow's automatic nodes do: put a request into a stage, and issue the decision letter."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.enums import Outcome
from core.calendar import due_date_for

from .. import events
from ..models import ServiceRequest
from ._core import Change, ServiceError, _transition, unit_exists


def enter_stage(service_request: ServiceRequest) -> ServiceRequest:
    """Put the request in the queue of its current stage's unit, with that stage's deadline."""

    def change(request: ServiceRequest) -> Change:
        if request.stage_index < 0:
            request.stage_index = 0
        stage = request.stage
        if stage is None or not unit_exists(stage.unit_id):
            raise ServiceError(
                _("This stage points at a unit that no longer exists. The editors must fix the routing plan.")
            )
        # Back from the citizen at the same stage: the paused deadline was already moved on.
        resuming = request.last_outcome == Outcome.DOCUMENTS and request.stage_due is not None
        now = timezone.now()
        request.current_unit_id = stage.unit_id
        request.current_officer = request.assign_on_entry
        request.assign_on_entry = None
        request.stage_entered_at = now
        request.escalated_at = None
        if not resuming:
            request.stage_due = due_date_for(now, stage.deadline_days)
        request.enter_review()
        request.last_outcome = ""
        return Change("stage_entered", event=events.stage_entered)

    return _transition(service_request, change)


def issue_decision(service_request: ServiceRequest) -> ServiceRequest:
    """Render and store the decision letter; the process then ends."""
    from ..letters import render_decision_letter

    def change(request: ServiceRequest) -> Change:
        now = timezone.now()
        request.decision_number = f"{now:%Y}/{request.guide.service_code}/{request.pk:06d}"
        pdf = render_decision_letter(request)
        request.decision_letter.save(f"letters/{now:%Y}/{request.tracking_code}.pdf", ContentFile(pdf), save=False)
        request.closed_at = now
        request.current_officer = None
        return Change("letter_issued", event=events.letter_issued)

    return _transition(service_request, change)
