"""Delivery through a real (loopback) SMS gateway that fails for a while: nothing lost, nothing doubled.

Simulated: the outage duration and the backoff waits run on the outbox clock, which the test
advances 5 s per worker pass instead of sleeping. Real: HTTP calls, 500 answers, client timeouts
(the gateway holds some answers longer than SMS_TIMEOUT after accepting the message), the claim/
retry/idempotency code and the database. The client timeout is short (50 ms, answers held twice
that) because every lost answer costs that much wall time; a slow answer that times out anyway is
just one more retry with the same key, which is the behaviour under test.

Marked slow (about a minute in all): `make test` runs them, `pytest -m "not slow"` skips them.
"""

import time

import pytest
from django.db import transaction
from django.db.models import Count

from notifications import clock, delivery, outbox
from notifications.enums import Channel, Event, MessageStatus, SubscriptionStatus
from notifications.models import OutboxMessage, Subscription
from tests.factories import FINAL, UnitFactory, build_guide

from .fakes import FakeSmsGateway, Outage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MESSAGES = 1000
KAVENEGAR_MESSAGES = 200
STEP = 5  # simulated seconds per worker pass
MAX_PASSES = 4 * 3600 // STEP  # four simulated hours: far beyond any backoff schedule
WALL_LIMIT_S = 300  # a regression fails here instead of hanging `make test`


def _subscribers(count: int) -> list[Subscription]:
    guide = build_guide([(UnitFactory(), FINAL)])
    Subscription.objects.bulk_create(
        Subscription(guide=guide, mobile=f"0912000{n:04d}", status=SubscriptionStatus.CONFIRMED, token=f"t{n:05d}")
        for n in range(count)
    )
    return list(Subscription.objects.filter(guide=guide).order_by("pk"))


def _run_outage(settings, outage_seconds: int, *, backend: str, path: str, messages: int = MESSAGES) -> dict:
    with FakeSmsGateway() as gateway:
        settings.SMS_BACKEND = backend
        settings.SMS_HTTP_URL = gateway.url + path
        settings.KAVENEGAR_URL = gateway.url
        settings.KAVENEGAR_API_KEY = "test-key"
        settings.SMS_TIMEOUT = 0.05
        recipients = [outbox.Recipient.subscriber(s) for s in _subscribers(messages)]
        gateway.outage = Outage(outage_seconds, timeout_every=50, hang=0.1)
        started = time.monotonic()
        deadline = started + WALL_LIMIT_S
        with transaction.atomic():  # like a real caller (the test drives delivery itself)
            outbox.enqueue(
                Event.PROCEDURE_CHANGED, context={"service": "خدمت"}, recipients=recipients, channels=[Channel.SMS]
            )
        simulated, passes = 0, 0
        while OutboxMessage.objects.exclude(status__in=[MessageStatus.SENT, MessageStatus.DEAD]).exists():
            assert passes < MAX_PASSES, f"delivery did not finish within {MAX_PASSES} passes ({simulated} simulated s)"
            assert time.monotonic() < deadline, f"delivery still running after {WALL_LIMIT_S} s ({passes} passes)"
            delivery.deliver_due(max_messages=5 * messages, batch_size=200)
            clock.advance(STEP)
            simulated += STEP
            passes += 1
        statuses = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")))
        attempts = list(OutboxMessage.objects.values_list("attempts", flat=True))
        report = {
            "messages": messages,
            "outage_s": outage_seconds,
            "sent": statuses.get(MessageStatus.SENT, 0),
            "dead": statuses.get(MessageStatus.DEAD, 0),
            "delivered_unique": len(gateway.delivered),
            "phones_reached_once": sum(1 for n in gateway.per_phone.values() if n == 1),
            "phones_reached_twice_or_more": sum(1 for n in gateway.per_phone.values() if n > 1),
            "raw_calls": sum(gateway.raw.values()),
            "raw_calls_max_per_message": max(gateway.raw.values()),
            "repeats_after_acceptance_deduped": gateway.repeats_after_acceptance,
            "answered_500": gateway.failed_calls,
            "timed_out_after_acceptance": gateway.hung_calls,
            "max_attempts": max(attempts),
            "clock_skipped_s": simulated,
            "outbox_clock_elapsed_s": round((clock.now() - gateway.outage.start).total_seconds()),
            "worker_passes": passes,
            "wall_s": round(time.monotonic() - started, 1),
        }
        print(f"\nDELIVERY REPORT ({backend.rsplit('.', 1)[-1]}): {report}")
        return report


def _assert_exactly_once(report: dict) -> None:
    """Each message reached its phone once; raw calls per message are higher (that is the point)."""
    count = report["messages"]
    assert report["sent"] == count and report["dead"] == 0
    assert report["delivered_unique"] == count
    assert report["phones_reached_once"] == count and report["phones_reached_twice_or_more"] == 0
    assert report["answered_500"] > count  # the outage really hit every message
    assert report["repeats_after_acceptance_deduped"] > 0  # lost answers were retried with the same key
    assert report["timed_out_after_acceptance"] > 0  # and some answers were lost after acceptance


def test_sixty_second_gateway_outage_loses_and_duplicates_nothing(settings):
    report = _run_outage(settings, 60, backend="notifications.backends.HttpBackend", path="/send")
    _assert_exactly_once(report)


def test_three_hundred_second_gateway_outage_loses_and_duplicates_nothing(settings):
    report = _run_outage(settings, 300, backend="notifications.backends.HttpBackend", path="/send")
    _assert_exactly_once(report)


def test_kavenegar_outage_loses_and_duplicates_nothing(settings):
    report = _run_outage(
        settings, 60, backend="notifications.backends.KavenegarBackend", path="", messages=KAVENEGAR_MESSAGES
    )
    _assert_exactly_once(report)
