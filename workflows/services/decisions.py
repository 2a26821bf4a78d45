"""Officers' and managers' decisions: the intake check, a stage's outcome, cancelling a request."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from viewflow.workflow.exceptions import FlowRuntimeError

from cms.enums import Outcome
from core.models import AuditEvent

from .. import events
from ..enums import IntakeResult, RequestStatus
from ..models import ServiceRequest
from ..permissions import CANCEL
from ._core import Change, ServiceError, _transition, request_flow, unit_exists


def _require_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError(_("Write a comment explaining the decision."))
    return comment


def _valid_document_keys(request: ServiceRequest, keys) -> list[str]:
    keys = [k for k in (keys or []) if k]
    allowed = {doc.document.key for doc in request.guide.documents.select_related("document")}
    if not keys or any(k not in allowed for k in keys):
        raise ServiceError(_("Choose which of the service's documents the citizen must provide."))
    return keys


def _ask_for_documents(request: ServiceRequest, keys: list[str], at_intake: bool) -> None:
    request.ask_citizen()
    request.requested_keys = keys
    request.documents_asked_at_intake = at_intake
    request.waiting_since = timezone.localdate()
    request.documents_round += 1
    request.current_officer = None


def record_intake(
    service_request: ServiceRequest, *, result: str, comment: str, actor, document_keys=None, http_request=None
) -> ServiceRequest:
    """The intake officer's completeness check (inside the task's activation)."""
    comment = _require_comment(comment)

    def change(request: ServiceRequest) -> Change:
        if request.status != RequestStatus.CHECKING_DOCUMENTS:
            raise ServiceError(_("This request is not being checked for documents."))
        if result == IntakeResult.COMPLETE:
            request.last_outcome = IntakeResult.COMPLETE
            request.stage_index = 0
            request.stage_due = None
            return Change("documents_complete", comment=comment, kind=AuditEvent.Kind.DECISION)
        if result == IntakeResult.DOCUMENTS:
            _ask_for_documents(request, _valid_document_keys(request, document_keys), at_intake=True)
            request.last_outcome = Outcome.DOCUMENTS
            return Change(
                "documents_requested",
                event=events.documents_requested,
                comment=comment,
                kind=AuditEvent.Kind.DECISION,
            )
        raise ServiceError(_("Choose a result."))

    return _transition(service_request, change, actor=actor, http_request=http_request)


def _apply_outcome(request: ServiceRequest, outcome: str, document_keys) -> None:
    if outcome == Outcome.FORWARD:
        if not unit_exists(request.stages[request.stage_index + 1].unit_id):
            raise ServiceError(
                _("The next stage points at a unit that no longer exists. The editors must fix the routing plan.")
            )
        request.stage_index += 1
        request.stage_due = None
    elif outcome == Outcome.RETURN:
        request.stage_index -= 1
        request.stage_due = None
    elif outcome == Outcome.DOCUMENTS:
        _ask_for_documents(request, _valid_document_keys(request, document_keys), at_intake=False)
    elif outcome == Outcome.APPROVE:
        request.approve()
        request.decided_at = timezone.now()
    elif outcome == Outcome.REJECT:
        request.reject()
        request.decided_at = timezone.now()


OUTCOME_EVENTS = {
    Outcome.DOCUMENTS: events.documents_requested,
    Outcome.APPROVE: events.decided,
    Outcome.REJECT: events.decided,
}


def decide(
    service_request: ServiceRequest, *, outcome: str, comment: str, actor, document_keys=None, http_request=None
) -> ServiceRequest:
    """An officer's decision at a stage (inside the task's activation)."""
    comment = _require_comment(comment)

    def change(request: ServiceRequest) -> Change:
        if request.status != RequestStatus.IN_REVIEW:
            raise ServiceError(_("This request is not in review; the decision cannot be recorded."))
        if outcome not in request.allowed_outcomes:
            raise ServiceError(_("This decision is not allowed at this stage."))
        _apply_outcome(request, outcome, document_keys)
        request.last_outcome = outcome
        return Change(outcome, event=OUTCOME_EVENTS.get(outcome), comment=comment, kind=AuditEvent.Kind.DECISION)

    return _transition(service_request, change, actor=actor, http_request=http_request)


def cancel_flow(request: ServiceRequest) -> None:
    """Cancel every open process of the request (the caller holds the process lock)."""
    for process in request.processes.exclude(status__in=["DONE", "CANCELED"]):
        try:
            request_flow().instance.cancel(process)
        except FlowRuntimeError:
            raise ServiceError(_("An officer is working on this request right now; try again in a moment."))


def cancel_request(service_request: ServiceRequest, *, actor, reason: str, http_request=None) -> ServiceRequest:
    """A manager closes a request; the reason is mandatory and shown to the citizen."""
    if not actor.has_perm(CANCEL):
        raise PermissionError
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Write the reason for cancelling this request."))

    refusal = _("This request is already finished and cannot be cancelled.")
    change = closing("close", "cancelled", events.cancelled, reason, refusal)
    return _transition(service_request, change, actor=actor, http_request=http_request, lock_process=True)


def closing(transition: str, action: str, event, reason: str, refusal: str):
    """The change that ends a request early (withdrawn, cancelled): open tasks cancelled, no officer."""

    def change(request: ServiceRequest) -> Change:
        if not can_proceed(getattr(request, transition)):
            raise ServiceError(refusal)
        cancel_flow(request)
        getattr(request, transition)()
        request.closed_at = timezone.now()
        request.current_officer = None
        return Change(action, event=event, comment=reason, event_kwargs={"reason": reason})

    return change
