"""Outbound letters through the outbox to a real loopback correspondence system."""

import time

import pytest
from django.db import transaction

from correspondence import letters
from correspondence.models import Letter, LetterStatus
from notifications import clock, delivery
from notifications.enums import Channel, MessageStatus
from notifications.models import OutboxMessage
from notifications.tests.fakes import Outage
from tests.factories import FINAL, UnitFactory, build_guide, submit

from .fakes import FakeCorrespondence

pytestmark = pytest.mark.django_db
MAX_PASSES = 4 * 3600 // 5  # four simulated hours of 5 s worker passes: far beyond any backoff schedule
WALL_LIMIT_S = 120  # a regression fails here instead of hanging `make test`


@pytest.fixture
def guide():
    return build_guide([(UnitFactory(), FINAL)])


def test_letter_is_not_queued_when_the_connector_is_off(guide):
    assert letters.queue_outbound_letter(submit(guide)) is None
    assert not OutboxMessage.objects.filter(channel=Channel.LETTER).exists()


def test_letter_carries_reference_applicant_service_and_document_hashes(settings, guide):
    with FakeCorrespondence() as system:
        settings.CORRESPONDENCE_URL = system.url
        request = submit(guide)
        with transaction.atomic():
            letters.queue_outbound_letter(request)
        delivery.deliver_due()
        letter = Letter.objects.get(service_request=request)
        body = system.letters[letter.number]
    assert letter.status == LetterStatus.REGISTERED and letter.number == "1404/00001"
    assert body["reference"] == request.tracking_code
    assert body["applicant"]["national_id"] == request.applicant.national_id
    assert body["service"]["code"] == guide.service_code
    assert sorted(d["sha256"] for d in body["documents"]) == sorted(request.documents.values_list("sha256", flat=True))


@pytest.mark.slow
def test_every_letter_arrives_once_after_the_correspondence_system_recovers(settings, guide):
    count = 40
    with FakeCorrespondence() as system:
        settings.CORRESPONDENCE_URL = system.url
        requests_ = [submit(guide) for _ in range(count)]
        system.outage = Outage(120)
        with transaction.atomic():
            for request in requests_:
                letters.queue_outbound_letter(request)
        started, skipped = time.monotonic(), 0
        while (
            OutboxMessage.objects.filter(channel=Channel.LETTER)
            .exclude(status__in=[MessageStatus.SENT, MessageStatus.DEAD])
            .exists()
        ):
            assert skipped < MAX_PASSES * 5, f"letters not delivered within {skipped} simulated s"
            assert time.monotonic() < started + WALL_LIMIT_S, f"letters still queued after {WALL_LIMIT_S} s"
            delivery.deliver_due()
            clock.advance(5)
            skipped += 5
        numbers = list(Letter.objects.values_list("number", flat=True))
        report = {
            "letters": count,
            "outage_s": 120,
            "registered": Letter.objects.filter(status=LetterStatus.REGISTERED).count(),
            "letters_at_system": len(system.letters),
            "raw_calls": sum(system.raw.values()),
            "answered_503": system.failed_calls,
            "bad_signatures": system.bad_signatures,
            "clock_skipped_s": skipped,
            "wall_s": round(time.monotonic() - started, 1),
        }
        print(f"\nLETTER DELIVERY REPORT: {report}")
    assert report["registered"] == count and report["letters_at_system"] == count
    assert len(set(numbers)) == count and report["bad_signatures"] == 0
    assert report["answered_503"] >= count
