"""Overdue requests are escalated to the unit head by the scheduled task."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.status import STATUS

from cms.enums import Role
from core.models import AuditEvent
from tests.factories import FINAL, ServiceRequestFactory, UnitFactory, build_guide, member
from workflows.models import ServiceRequest
from workflows.tasks import escalate_overdue

from .helpers import open_task, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue():
    intake, unit = UnitFactory(), UnitFactory()
    member(intake)
    officer, head = member(unit), member(unit, role=Role.HEAD)
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    request = ServiceRequestFactory(guide=guide, in_review=True, overdue=True)
    return {"request": request, "head": head, "officer": officer}


def test_overdue_unclaimed_task_is_assigned_to_the_unit_head(overdue):
    result = escalate_overdue.enqueue()
    assert result.return_value == 1
    request = refreshed(overdue["request"])
    task = open_task(request)
    assert (task.status, task.owner) == (STATUS.ASSIGNED, overdue["head"])
    assert request.current_officer == overdue["head"]
    entry = request.timeline.get(action="escalated")
    assert entry.visible_to_citizen is False
    assert AuditEvent.objects.filter(object_id=str(request.pk), details__action="escalated").exists()


def test_claimed_overdue_task_stays_with_its_officer_but_is_flagged(client, overdue):
    from .helpers import claim

    claim(client, overdue["officer"], overdue["request"])
    call_command("escalate_overdue")
    request = refreshed(overdue["request"])
    assert open_task(request).owner == overdue["officer"]
    assert request.escalated_at is not None
    assert request.timeline.filter(action="escalated").count() == 1


def test_escalation_runs_once_per_stage(overdue):
    escalate_overdue.enqueue()
    assert escalate_overdue.enqueue().return_value == 0
    assert refreshed(overdue["request"]).timeline.filter(action="escalated").count() == 1


def test_request_on_time_is_not_escalated(overdue):
    ServiceRequest.objects.filter(pk=overdue["request"].pk).update(stage_due=timezone.localdate())
    assert escalate_overdue.enqueue().return_value == 0


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _waiting_runs():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=escalate_overdue.module_path, status="READY")


def test_schedule_command_enqueues_only_one_waiting_run(settings):
    from io import StringIO

    settings.TASKS = DATABASE_QUEUE
    first, second = StringIO(), StringIO()
    call_command("escalate_overdue", "--schedule", stdout=first)
    call_command("escalate_overdue", "--schedule", stdout=second)
    assert _waiting_runs().count() == 1
    assert first.getvalue().startswith("enqueued")
    assert second.getvalue().startswith("already scheduled")


def test_running_scheduled_task_books_no_second_run_when_one_waits(settings, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE_QUEUE
    call_command("escalate_overdue", "--schedule")
    with django_capture_on_commit_callbacks(execute=True):
        escalate_overdue.call(reschedule=True)
    assert _waiting_runs().count() == 1


def test_running_scheduled_task_books_its_next_run_an_hour_later(settings, django_capture_on_commit_callbacks):
    from workflows.tasks import ESCALATION_INTERVAL

    settings.TASKS = DATABASE_QUEUE
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        escalate_overdue.call(reschedule=True)
    waiting = _waiting_runs().get()
    assert waiting.run_after >= before + ESCALATION_INTERVAL
    assert waiting.args_kwargs["kwargs"] == {"reschedule": True}


def test_escalate_request_service_refuses_a_request_that_is_not_overdue(overdue):
    from workflows import services

    ServiceRequest.objects.filter(pk=overdue["request"].pk).update(stage_due=timezone.localdate())
    assert services.escalate_request(overdue["request"]) is False
    assert refreshed(overdue["request"]).escalated_at is None
