"""Overdue stages: flagged once, and an unclaimed task handed to the unit head."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from viewflow.workflow.status import STATUS

from cms.enums import Role
from cms.models import OrganizationalUnit, UnitMembership

from .. import events
from ..enums import RequestStatus
from ..models import ServiceRequest
from ._core import Change, _transition, open_task


def unit_head(unit_id: int | None):
    """The unit's head: the unit's named head, else a member in the head role."""
    if unit_id is None:
        return None
    unit = OrganizationalUnit.objects.filter(pk=unit_id).select_related("head").first()
    if unit is None:
        return None
    if unit.head_id:
        return unit.head
    membership = UnitMembership.objects.filter(unit=unit, role=Role.HEAD).select_related("user").first()
    return membership.user if membership else None


def is_escalation_due(service_request: ServiceRequest, today: dt.date) -> bool:
    """Overdue, not waiting for the citizen and not yet escalated at this stage."""
    return (
        service_request.is_overdue_on(today)
        and service_request.status != RequestStatus.AWAITING_CITIZEN
        and service_request.escalated_at is None
    )


def escalate_request(service_request: ServiceRequest, *, now: dt.datetime | None = None) -> bool:
    """Flag an overdue stage once; an unclaimed task goes to the unit head.

    Re-checked under the row lock, so two workers (or a decision racing the worker) never
    escalate twice or escalate a stage that has just moved on. Returns whether it escalated.
    """
    now = now or timezone.now()
    escalated = False

    def change(request: ServiceRequest) -> Change | None:
        nonlocal escalated
        if not is_escalation_due(request, timezone.localdate(now)):
            return None
        task = open_task(request)
        head = unit_head(request.current_unit_id)
        if head is not None and task is not None and task.status == STATUS.NEW:
            task.flow_task.activation_class(task).assign(head)
            request.current_officer = head
        request.escalated_at = now
        escalated = True
        return Change("escalated", event=events.escalated, visible=False, event_kwargs={"head": head})

    _transition(service_request, change, lock_process=True)
    return escalated
