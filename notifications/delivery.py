"""The delivery worker: claim due rows, send each, record the outcome; retry with exponential backoff.

Claiming marks rows "sending" with a lease in a short transaction (SELECT … FOR UPDATE SKIP LOCKED
on PostgreSQL), so several workers never take the same row. A worker that dies mid-send leaves the
lease to expire; the row is then retried with the same idempotency key, which the gateway dedupes.
"""

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Min, Q

from . import channels
from .backends import DeliveryError
from .clock import now
from .enums import MessageStatus
from .models import OutboxMessage

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=2)


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATIONS_MAX_ATTEMPTS", 12))


def backoff(attempts: int) -> dt.timedelta:
    """5 s, 10 s, 20 s … capped at 10 minutes, minus up to 20 % jitter so retries do not march in step."""
    base = float(getattr(settings, "NOTIFICATIONS_BACKOFF_BASE", 5))
    cap = float(getattr(settings, "NOTIFICATIONS_BACKOFF_MAX", 600))
    delay = min(base * 2 ** max(attempts - 1, 0), cap)
    return dt.timedelta(seconds=delay * (1 - random.random() * 0.2))  # retry jitter, not security  # nosec B311


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    skipped: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def processed(self) -> int:
        return self.sent + self.retried + self.dead + self.skipped


def _due(at: dt.datetime):
    return OutboxMessage.objects.filter(
        Q(status=MessageStatus.PENDING, next_attempt_at__lte=at) | Q(status=MessageStatus.SENDING, lease_until__lt=at)
    )


def claim(batch_size: int, at: dt.datetime | None = None) -> list[int]:
    """Take up to batch_size due rows for this worker."""
    at = at or now()
    with transaction.atomic():
        query = _due(at).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            query = query.select_for_update(skip_locked=True)
        ids = list(query.values_list("id", flat=True)[:batch_size])
        if ids:
            OutboxMessage.objects.filter(id__in=ids).update(
                status=MessageStatus.SENDING, lease_until=at + LEASE, attempts=F("attempts") + 1
            )
    return ids


def deliver_one(message: OutboxMessage, report: DeliveryReport) -> None:
    """Send one claimed row and record what happened. Errors are stored without personal data."""
    at = now()
    try:
        reference = channels.handler_for(message.channel)(message)
    except channels.Skip as exc:
        _finish(message, status=MessageStatus.SKIPPED, last_error=str(exc)[:300])
        report.skipped += 1
        return
    except DeliveryError as exc:
        _failed(message, str(exc), exc.retryable, at, report)
        return
    except Exception as exc:  # a bug or an unexpected library error must not lose the message
        logger.exception("Outbox message %s failed unexpectedly", message.pk)
        _failed(message, f"unexpected {type(exc).__name__}", True, at, report)
        return
    _finish(message, status=MessageStatus.SENT, sent_at=at, provider_ref=(reference or "")[:100], last_error="")
    report.sent += 1


def _failed(message: OutboxMessage, error: str, retryable: bool, at: dt.datetime, report: DeliveryReport) -> None:
    report.errors[error] = report.errors.get(error, 0) + 1
    if retryable and message.attempts < max_attempts():
        _finish(message, status=MessageStatus.PENDING, next_attempt_at=at + backoff(message.attempts), last_error=error)
        report.retried += 1
    else:
        _finish(message, status=MessageStatus.DEAD, last_error=error)
        report.dead += 1
        logger.warning("Outbox message %s is dead after %s attempts: %s", message.pk, message.attempts, error)


def _finish(message: OutboxMessage, **changes) -> None:
    # Only the worker holding the claim may record the outcome.
    OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(lease_until=None, **changes)


def deliver_due(*, max_messages: int = 1000, batch_size: int = 50) -> DeliveryReport:
    """Deliver what is due now, up to max_messages; returns counts for logs and tests."""
    report = DeliveryReport()
    while report.processed < max_messages:
        ids = claim(min(batch_size, max_messages - report.processed))
        if not ids:
            break
        messages = OutboxMessage.objects.filter(id__in=ids).select_related("service_request__applicant", "subscription")
        for message in messages:
            deliver_one(message, report)
    return report


def next_due_at() -> dt.datetime | None:
    """When the earliest waiting row becomes due (for scheduling the next worker run)."""
    return OutboxMessage.objects.filter(status=MessageStatus.PENDING).aggregate(at=Min("next_attempt_at"))["at"]


def resend(message_ids: list[int]) -> int:
    """Put dead (or skipped) messages back in the queue: a fresh try, the same idempotency key."""
    from .outbox import schedule_delivery

    with transaction.atomic():
        count = OutboxMessage.objects.filter(
            pk__in=message_ids, status__in=[MessageStatus.DEAD, MessageStatus.SKIPPED]
        ).update(status=MessageStatus.PENDING, attempts=0, next_attempt_at=now(), last_error="")
        if count:
            schedule_delivery()
    return count
