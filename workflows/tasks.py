"""Background work: escalate overdue requests to their unit head (django-tasks)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from viewflow.workflow.status import STATUS

from cms.enums import Role
from cms.models import UnitMembership
from core.models import AuditEvent

from .enums import OPEN_STATUSES
from .models import ServiceRequest

ESCALATION_INTERVAL = dt.timedelta(hours=1)


def unit_head(unit):
    if unit is None:
        return None
    if unit.head_id:
        return unit.head
    membership = UnitMembership.objects.filter(unit=unit, role=Role.HEAD).select_related("user").first()
    return membership.user if membership else None


def escalate_overdue_requests(today: dt.date | None = None) -> int:
    """Flag every open, overdue, not yet escalated stage; an unclaimed task goes to the head.

    Returns how many requests were escalated. Safe to run repeatedly.
    """
    from . import services
    from .flows import RequestFlow

    today = today or timezone.localdate()
    overdue = ServiceRequest.objects.filter(
        status__in=OPEN_STATUSES, stage_due__lt=today, escalated_at__isnull=True
    ).exclude(status="awaiting_citizen")
    count = 0
    for service_request in overdue.select_related("current_unit"):
        head = unit_head(service_request.current_unit)
        process = service_request.process
        if process is None:
            continue
        with RequestFlow.lock(process.pk):
            locked = services._locked(service_request)
            if locked.escalated_at is not None:
                continue
            task = services._open_task(locked)
            if head is not None and task is not None and task.status == STATUS.NEW:
                task.flow_task.activation_class(task).assign(head)
                locked.current_officer = head
            locked.escalated_at = timezone.now()
            locked.save(update_fields=["escalated_at", "current_officer"])
            services._log(
                locked,
                "escalated",
                from_status=locked.status,
                visible=False,
                kind=AuditEvent.Kind.STATE_CHANGE,
            )
        count += 1
    return count


@task()
def escalate_overdue(reschedule: bool = False) -> int:
    """Run the escalation; with reschedule=True it queues its next run an hour later."""
    count = escalate_overdue_requests()
    if reschedule and escalate_overdue.get_backend().supports_defer:
        transaction.on_commit(
            lambda: escalate_overdue.using(run_after=timezone.now() + ESCALATION_INTERVAL).enqueue(reschedule=True)
        )
    return count
