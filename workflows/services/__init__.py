"""Every change to a request goes through here (see docs/adr/0008-services-package.md).

Each public function below owns its transaction: it locks the request row (behind the flow's
process lock where the flow is touched), applies the FSM transition, writes the timeline entry
and audit event, and sends a domain event from `workflows.events` that integrations receive.
Views, the API, flow nodes and tasks call only these names; the modules behind them are
private to the package.
"""

from ..permissions import UNIT_PERMISSION
from ._core import ServiceError, open_task
from .assignment import assign_task, claim_task, unclaim_task
from .citizen_actions import (
    citizen_view,
    find_request,
    provide_documents,
    reopen_for_review,
    requested_document_keys,
    withdraw_request,
)
from .decisions import cancel_request, decide, record_intake
from .escalation import escalate_request, is_escalation_due, unit_head
from .intake import ApplicantData, check_routing_plan, intake_working_days, submit_request
from .letter_events import LETTER_EVENT_KINDS, apply_letter_event
from .stages import enter_stage, issue_decision

__all__ = [
    "LETTER_EVENT_KINDS",
    "UNIT_PERMISSION",
    "ApplicantData",
    "ServiceError",
    "apply_letter_event",
    "assign_task",
    "cancel_request",
    "check_routing_plan",
    "citizen_view",
    "claim_task",
    "decide",
    "enter_stage",
    "escalate_request",
    "find_request",
    "intake_working_days",
    "is_escalation_due",
    "issue_decision",
    "open_task",
    "provide_documents",
    "record_intake",
    "reopen_for_review",
    "requested_document_keys",
    "submit_request",
    "unclaim_task",
    "unit_head",
    "withdraw_request",
]
