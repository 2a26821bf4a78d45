"""enqueue(): rows in the caller's transaction, addresses resolved at send time, delivery after commit."""

import logging

import pytest
from django.core import mail
from django.db import transaction

from core import sms
from core.persian import to_persian_digits
from notifications import delivery, outbox
from notifications.enums import Channel, Event, MessageStatus
from notifications.models import OutboxMessage
from tests.factories import FINAL, UnitFactory, build_guide, submit

pytestmark = pytest.mark.django_db


def test_enqueue_stores_no_mobile_or_email_in_the_outbox(service_request):
    service_request.applicant.email = "citizen@example.invalid"
    service_request.applicant.save()
    with transaction.atomic():
        messages = outbox.enqueue(
            Event.STAGE_CHANGED, service_request=service_request, context={"unit": "واحد", "officer": "کارمند"}
        )
    assert {m.channel for m in messages} == {Channel.SMS, Channel.EMAIL}
    for message in OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]):
        stored = " ".join([message.subject, message.body, str(message.payload)])
        assert service_request.applicant.mobile not in stored
        assert "citizen@example.invalid" not in stored


def test_messages_are_delivered_only_after_commit(django_capture_on_commit_callbacks):
    guide = build_guide([(UnitFactory(), FINAL)])
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            service_request = submit(guide)  # queues the registration message in this transaction
            outbox.enqueue(Event.DECIDED, service_request=service_request, context={"decision": "تأیید"})
            assert sms.outbox == []
    assert [m.mobile for m in sms.outbox] == [service_request.applicant.mobile] * 2
    assert "تأیید" in sms.outbox[-1].text
    assert OutboxMessage.objects.get(event=Event.DECIDED).status == MessageStatus.SENT


def test_rolled_back_change_sends_nothing(service_request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                outbox.enqueue(Event.CLOSED, service_request=service_request)
                raise RuntimeError("the state change failed")
    assert not OutboxMessage.objects.filter(event=Event.CLOSED).exists()
    assert sms.outbox == []


def test_recipient_is_read_from_the_applicant_at_send_time(service_request):
    outbox.enqueue(Event.REGISTERED, service_request=service_request, channels=[Channel.SMS])
    service_request.applicant.mobile = "09120009999"
    service_request.applicant.save()
    delivery.deliver_due()
    assert [m.mobile for m in sms.outbox] == ["09120009999"]


def test_email_goes_to_applicant_with_an_address(service_request):
    service_request.applicant.email = "citizen@example.invalid"
    service_request.applicant.save()
    outbox.enqueue(Event.REGISTERED, service_request=service_request, channels=[Channel.EMAIL])
    delivery.deliver_due()
    assert mail.outbox[-1].to == ["citizen@example.invalid"]
    assert to_persian_digits(service_request.tracking_code[:4]) in mail.outbox[-1].subject


def test_no_email_message_is_created_without_an_address(service_request):
    messages = outbox.enqueue(Event.REGISTERED, service_request=service_request)
    assert [m.channel for m in messages] == [Channel.SMS]


def test_stage_changed_names_unit_and_officer(service_request):
    outbox.enqueue(
        Event.STAGE_CHANGED, service_request=service_request, context={"unit": "دفتر فنی", "officer": "کارمند نمونه"}
    )
    delivery.deliver_due()
    assert "دفتر فنی" in sms.outbox[-1].text and "کارمند نمونه" in sms.outbox[-1].text


def test_informational_sms_ends_with_opt_out_keyword(service_request):
    outbox.enqueue(Event.SURVEY_INVITATION, service_request=service_request, context={"link": "https://x.invalid/s"})
    delivery.deliver_due()
    assert sms.outbox[-1].text.endswith("لغو ۱۱")


def test_logs_carry_only_the_masked_mobile(service_request, caplog):
    caplog.set_level(logging.INFO)
    outbox.enqueue(Event.REGISTERED, service_request=service_request)
    delivery.deliver_due()
    mobile = service_request.applicant.mobile
    assert sms.outbox and mobile not in caplog.text
    assert f"{mobile[:4]}***{mobile[-4:]}" in caplog.text
