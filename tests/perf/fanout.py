"""Measure a procedure-change alert to 100,000 subscribers: the editor's publish only enqueues one
task; the background fan-out then writes one outbox row per subscriber in batches.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/desk_fanout .venv/bin/python -m tests.perf.fanout 100000

Uses a throwaway database (it is migrated and seeded with the demo guides); prints the figures.
"""

import os
import sys
import time


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ["SMS_BACKEND"] = "core.sms.LocmemBackend"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from cms.demo import seed_cms
    from cms.models import ServiceGuidePage
    from notifications.enums import SubscriptionStatus
    from notifications.models import OutboxMessage, Subscription
    from notifications.tasks import fan_out_procedure_change

    call_command("migrate", verbosity=0)
    seed_cms(password="fanout-only-1405")
    guide = ServiceGuidePage.objects.live().order_by("pk").first()
    Subscription.objects.filter(guide=guide).delete()
    started = time.perf_counter()
    Subscription.objects.bulk_create(
        [
            Subscription(guide=guide, mobile=f"0919{n:07d}", status=SubscriptionStatus.CONFIRMED, token=f"fanout-{n}")
            for n in range(count)
        ],
        batch_size=5000,
    )
    print(f"subscribers created: {count} in {time.perf_counter() - started:.1f} s")

    outbox_before = OutboxMessage.objects.count()
    fan_outs = DBTaskResult.objects.filter(task_path__endswith="fan_out_procedure_change")
    queued_before = fan_outs.count()
    page = guide.specific
    page.notify_subscribers = True
    page.change_note = "Measured change"
    started = time.perf_counter()
    with transaction.atomic():
        page.save_revision().publish()
    publish_seconds = time.perf_counter() - started
    print(
        f"publish with 'notify subscribers': {publish_seconds * 1000:.0f} ms; "
        f"outbox rows written by the publish: {OutboxMessage.objects.count() - outbox_before}; "
        f"fan-out tasks queued: {fan_outs.count() - queued_before}"
    )

    task = fan_outs.order_by("-enqueued_at").first()
    args = task.args_kwargs["args"]
    started = time.perf_counter()
    fan_out_procedure_change.call(*args)
    print(
        f"background fan-out: {OutboxMessage.objects.count() - outbox_before} outbox rows "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
