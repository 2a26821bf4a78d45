"""The machinery every state change shares: the row lock, one transaction, the timeline entry,
the audit event and the domain event, in that order (see `_transition`)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal
from viewflow.workflow.status import STATUS

from cms.models import OrganizationalUnit
from core import audit
from core.models import AuditEvent

from ..models import ServiceRequest, TimelineEntry


class ServiceError(Exception):
    """A refused change; `.message` is translated and safe to show to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def request_flow():
    """The flow class, imported late: flows.py imports the views, which import services."""
    from ..flows import RequestFlow

    return RequestFlow


def user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def locked(service_request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().get(pk=service_request.pk)


def unit_exists(unit_id) -> bool:
    return unit_id is not None and OrganizationalUnit.objects.filter(pk=unit_id, is_active=True).exists()


def open_task(service_request: ServiceRequest, task_pk: int | None = None):
    """The request's human task waiting for, or held by, an officer (None when there is none)."""
    process = service_request.process
    if process is None:
        return None
    tasks = process.task_set.filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED])
    if task_pk is not None:
        tasks = tasks.filter(pk=task_pk)
    return tasks.first()


@contextmanager
def process_lock(service_request: ServiceRequest):
    """Lock order everywhere: the flow's process row first, then the request row."""
    process = service_request.process
    if process is None:
        with transaction.atomic():
            yield
    else:
        with request_flow().lock(process.pk):
            yield


def record(
    service_request: ServiceRequest,
    action: str,
    *,
    actor=None,
    from_status: str = "",
    comment: str = "",
    visible: bool = True,
    kind: str = AuditEvent.Kind.STATE_CHANGE,
    http_request=None,
    unit_id: int | None = None,
) -> TimelineEntry:
    """The timeline entry (what citizen and officers read) and the audit event, together."""
    unit_id = unit_id or service_request.current_unit_id
    entry = TimelineEntry.objects.create(
        request=service_request,
        actor=user_or_none(actor),
        action=action,
        from_status=from_status,
        to_status=service_request.status,
        stage_index=service_request.stage_index,
        unit_id=unit_id,
        officer_id=service_request.current_officer_id,
        comment=comment,
        visible_to_citizen=visible,
    )
    audit.record(
        kind,
        actor=user_or_none(actor),
        obj=service_request,
        request=http_request,
        action=action,
        from_status=from_status,
        to_status=service_request.status,
        stage=service_request.stage_index,
        unit=unit_id,
    )
    return entry


def send(event: Signal | None, service_request: ServiceRequest, **kwargs) -> None:
    """Send a domain event inside the current transaction (receivers only write rows)."""
    if event is not None:
        event.send(sender=ServiceRequest, service_request=service_request, **kwargs)


@dataclass
class Change:
    """What a change function did to the locked request, for `_transition` to record and announce."""

    action: str
    event: Signal | None = None
    comment: str = ""
    visible: bool = True
    kind: str = AuditEvent.Kind.STATE_CHANGE
    unit_id: int | None = None
    event_kwargs: dict = field(default_factory=dict)
    # Runs after the timeline entry, still inside the transaction (e.g. moving the flow on).
    then: Callable[[ServiceRequest], None] | None = None


def _transition(
    service_request: ServiceRequest,
    change: Callable[[ServiceRequest], Change | None],
    *,
    actor=None,
    http_request=None,
    lock_process: bool = False,
) -> ServiceRequest:
    """The one sequence of every state change.

    Open a transaction (behind the process lock when asked, so the flow and the request are
    locked in the same order everywhere), lock the request row, remember its status, let
    `change` apply the FSM transition and fields (it raises ServiceError to refuse, or returns
    None when there is nothing to do), save, write the timeline entry and audit event, run the
    change's follow-up, and send its domain event. A refusal leaves nothing written.
    """
    scope = process_lock(service_request) if lock_process else transaction.atomic()
    with scope:
        request = locked(service_request)
        from_status = request.status
        done = change(request)
        if done is None:
            return request
        request.save()
        record(
            request,
            done.action,
            actor=actor,
            from_status=from_status,
            comment=done.comment,
            visible=done.visible,
            kind=done.kind,
            http_request=http_request,
            unit_id=done.unit_id,
        )
        if done.then is not None:
            done.then(request)
        send(done.event, request, actor=user_or_none(actor), **done.event_kwargs)
    return request
