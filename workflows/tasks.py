"""Background work: escalate overdue requests to their unit head (django-tasks).

The change itself is services.escalate_request; this module only finds the candidates and
keeps one self-rescheduling run waiting in the queue.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from . import services
from .enums import RequestStatus
from .models import ServiceRequest

ESCALATION_INTERVAL = dt.timedelta(hours=1)


def escalate_overdue_requests(now: dt.datetime | None = None) -> int:
    """Escalate every open, overdue, not yet escalated stage. Returns how many; safe to rerun."""
    now = now or timezone.now()
    overdue = (
        ServiceRequest.objects.overdue(timezone.localdate(now))
        .filter(escalated_at__isnull=True)
        .exclude(status=RequestStatus.AWAITING_CITIZEN)
        .order_by("pk")
    )
    return sum(services.escalate_request(service_request, now=now) for service_request in overdue.iterator())


def waiting_scheduled_run():
    """The self-rescheduling run already waiting in the database queue, if any (None without one)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return None
    return (
        DBTaskResult.objects.filter(
            task_path=escalate_overdue.module_path,
            status=TaskResultStatus.READY,
            args_kwargs__kwargs__reschedule=True,
        )
        .order_by("run_after")
        .first()
    )


def schedule_escalation(run_after: dt.datetime | None = None):
    """Queue one self-rescheduling run unless one is already waiting; returns (result, created).

    Only a deferring backend (the database queue) keeps runs waiting; with any other backend
    the run happens now and nothing is booked for later.
    """
    backend = escalate_overdue.get_backend()
    if backend.supports_defer:
        waiting = waiting_scheduled_run()
        if waiting is not None:
            return waiting.task_result, False
        return escalate_overdue.using(run_after=run_after).enqueue(reschedule=True), True
    return escalate_overdue.enqueue(reschedule=False), True


@task()
def escalate_overdue(reschedule: bool = False) -> int:
    """Run the escalation; with reschedule=True it books its next run an hour later (once)."""
    count = escalate_overdue_requests()
    if reschedule and escalate_overdue.get_backend().supports_defer:
        transaction.on_commit(lambda: schedule_escalation(timezone.now() + ESCALATION_INTERVAL))
    return count
