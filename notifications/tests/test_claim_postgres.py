"""Two workers on PostgreSQL never take the same row (SELECT … FOR UPDATE SKIP LOCKED)."""

import threading

import pytest
from django.db import connection

from notifications import delivery
from notifications.enums import Channel, Event, MessageStatus, RecipientKind
from notifications.models import OutboxMessage

pytestmark = [
    pytest.mark.postgres(reason="SELECT … FOR UPDATE SKIP LOCKED across real connections"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_concurrent_workers_process_each_row_exactly_once():
    OutboxMessage.objects.bulk_create(
        OutboxMessage(event=Event.REGISTERED, channel=Channel.SMS, recipient_kind=RecipientKind.APPLICANT)
        for _ in range(400)
    )
    reports = []

    def work():
        try:
            reports.append(delivery.deliver_due(batch_size=10))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a worker still runs after 60 s (lock wait?)"
    # Rows without a recipient are closed as skipped: each was handled by exactly one worker, once.
    assert sum(r.skipped for r in reports) == 400
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
    assert OutboxMessage.objects.filter(status=MessageStatus.SKIPPED).count() == 400
