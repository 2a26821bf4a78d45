"""Moves a request through the real flow the way officers do: claim the task, record, execute."""

from __future__ import annotations

from django.db import transaction

from cms.enums import Outcome
from tests.factories import officer_of
from workflows import services
from workflows.enums import IntakeResult
from workflows.flows import RequestFlow
from workflows.models import ServiceRequest


def _open_task(service_request: ServiceRequest, flow_task):
    return service_request.process.task_set.filter(flow_task=flow_task, status__in=["NEW", "ASSIGNED"]).get()


def claim(service_request: ServiceRequest, flow_task, officer):
    task = _open_task(service_request, flow_task)
    with RequestFlow.lock(task.process_id):
        activation = flow_task.activation_class(task)
        services.claim_task(activation, officer)
    return task


def _complete(service_request: ServiceRequest, flow_task, officer, apply) -> ServiceRequest:
    task = _open_task(service_request, flow_task)
    if task.owner_id is None:
        claim(service_request, flow_task, officer)
        task.refresh_from_db()
    with RequestFlow.lock(task.process_id):
        activation = flow_task.activation_class(task)
        with transaction.atomic():
            activation.start(None)  # what the task view does when the officer opens the form
            apply()
            activation.execute()
    return ServiceRequest.objects.get(pk=service_request.pk)


def intake(service_request: ServiceRequest, *, result=IntakeResult.COMPLETE, keys=None) -> ServiceRequest:
    officer = officer_of(service_request.current_unit)
    return _complete(
        service_request,
        RequestFlow.check_documents,
        officer,
        lambda: services.record_intake(
            service_request, result=result, comment="بررسی شد", actor=officer, document_keys=keys
        ),
    )


def decide(service_request: ServiceRequest, outcome: str, *, keys=None) -> ServiceRequest:
    service_request.refresh_from_db()
    officer = officer_of(service_request.current_unit)
    return _complete(
        service_request,
        RequestFlow.review,
        officer,
        lambda: services.decide(
            service_request, outcome=outcome, comment="تصمیم گرفته شد", actor=officer, document_keys=keys
        ),
    )


def approve_all_the_way(service_request: ServiceRequest) -> ServiceRequest:
    """Intake complete, forward through every stage, approve at the last."""
    service_request = intake(service_request)
    for _stage in service_request.routing_snapshot[:-1]:
        service_request = decide(service_request, Outcome.FORWARD)
    return decide(service_request, Outcome.APPROVE)
