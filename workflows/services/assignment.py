"""Who holds the open task: an officer claims it, gives it back, or the unit head assigns it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_fsm import can_proceed
from viewflow.workflow.status import STATUS

from .. import events
from ..models import ServiceRequest
from ..permissions import CANCEL, headed_unit_ids, may_hold_task, task_unit_id
from ._core import Change, ServiceError, _transition, open_task, request_flow


def _officer_change(officer, action: str):
    def change(request: ServiceRequest) -> Change:
        if officer is not None and can_proceed(request.begin_check):
            request.begin_check()
        request.current_officer = officer
        return Change(action, event=events.officer_changed, event_kwargs={"action": action})

    return change


def claim_task(activation, user, *, http_request=None) -> None:
    """An officer of the task's unit takes it (called under the flow lock)."""
    task = activation.task
    task.refresh_from_db()
    if task.status != STATUS.NEW or task.owner_id:
        raise ServiceError(_("Another officer has already taken this request."))
    if not activation.flow_task.can_assign(user, task):
        raise PermissionError
    activation.assign(user)
    request = ServiceRequest.objects.get(processes__pk=task.process_id)
    _transition(request, _officer_change(user, "claimed"), actor=user, http_request=http_request)


def unclaim_task(activation, user, *, http_request=None) -> None:
    """The owner hands the task back to the unit queue (called under the flow lock)."""
    activation.unassign()
    request = ServiceRequest.objects.get(processes__pk=activation.task.process_id)
    _transition(request, _officer_change(None, "unclaimed"), actor=user, http_request=http_request)


def assign_task(service_request: ServiceRequest, officer, *, by, http_request=None) -> None:
    """A unit head (or a manager) hands the current task to an officer who holds the task's own
    permission on its unit: a head-only stage can only go to a head."""
    process = service_request.process
    with request_flow().lock(process.pk):
        task = open_task(service_request)
        if task is None:
            raise ServiceError(_("This request has no task waiting for an officer."))
        unit_id = task_unit_id(task)
        if unit_id not in headed_unit_ids(by) and not by.has_perm(CANCEL):
            raise PermissionError
        if not may_hold_task(officer, task):
            raise ServiceError(_("The chosen officer may not take this task (not of this unit, or not its head)."))
        activation = task.flow_task.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(officer)
        else:
            activation.reassign(officer)
        _transition(service_request, _officer_change(officer, "assigned"), actor=by, http_request=http_request)
