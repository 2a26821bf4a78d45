"""Driving a request through the officer views, addressing tasks with flow_task.reverse()."""

from viewflow.workflow.status import STATUS

from tests.factories import pass_second_factor
from workflows import services
from workflows.models import ServiceRequest


def open_task(service_request: ServiceRequest):
    return services.open_task(service_request)


def task_url(service_request: ServiceRequest, action: str) -> str:
    task = open_task(service_request)
    return task.flow_task.reverse(action, args=[task.process_id, task.pk])


def sign_in(client, user) -> None:
    """Signed in and past the second factor (module-scoped fixtures run before the root conftest's patch)."""
    client.force_login(user)
    pass_second_factor(client, user)


def claim(client, user, service_request):
    sign_in(client, user)
    return client.post(task_url(service_request, "assign"))


def act(client, user, service_request, **data):
    """Claim the open task if needed, then post the decision form."""
    task = open_task(service_request)
    if task.status == STATUS.NEW:
        claim(client, user, service_request)
    sign_in(client, user)
    return client.post(task_url(service_request, "execute"), data)


def refreshed(service_request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.get(pk=service_request.pk)


def engine_state(service_request: ServiceRequest) -> tuple[str, list[tuple[str, str]]]:
    """The Viewflow side: process status and (node name, task status) of the latest process."""
    process = service_request.process
    tasks = [(t.flow_task.name, t.status) for t in process.task_set.order_by("pk")]
    return process.status, tasks
