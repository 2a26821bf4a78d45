"""Background tasks (django-tasks; db_worker in dev/prod). The outbox table stays the source of truth."""

import datetime as dt
import logging

from django_tasks import task

from . import delivery
from .clock import now

logger = logging.getLogger(__name__)


@task()
def deliver_outbox() -> dict:
    """Deliver what is due, then book the next run for the earliest retry."""
    report = delivery.deliver_due()
    _book_next_run()
    return {"sent": report.sent, "retried": report.retried, "dead": report.dead, "skipped": report.skipped}


def _book_next_run() -> None:
    backend = deliver_outbox.get_backend()
    if not backend.supports_defer:
        return  # e.g. the immediate backend in tests: callers drive delivery themselves
    due = delivery.next_due_at()
    if due is None:
        return
    run_after = max(due, now() + dt.timedelta(seconds=1))
    try:
        from django_tasks_db.models import DBTaskResult

        # One waiting run that starts early enough is enough.
        if DBTaskResult.objects.ready().filter(task_path=deliver_outbox.module_path, run_after__lte=run_after).exists():
            return
    except ImportError:
        pass
    deliver_outbox.using(run_after=run_after).enqueue()


@task()
def fan_out_procedure_change(page_id: int, revision_id: int, previous_revision_id: int | None) -> int:
    """Create one outbox row per confirmed subscriber, in batches; returns how many were created."""
    from .subscriptions import fan_out

    created = fan_out(page_id, revision_id, previous_revision_id)
    logger.info("Procedure change of page %s queued for %s subscribers", page_id, created)
    return created
