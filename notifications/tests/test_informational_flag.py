"""Whether an SMS honours the opt-out list is decided once, when it is queued, from the template used."""

import pytest

from core import sms
from notifications import delivery, outbox
from notifications.enums import Channel, Event, MessageStatus
from notifications.models import MessageTemplate, OutboxMessage
from notifications.subscriptions import handle_sms_keyword

pytestmark = pytest.mark.django_db


def _survey_sms(service_request) -> OutboxMessage:
    (message,) = outbox.enqueue(
        Event.SURVEY_INVITATION,
        service_request=service_request,
        context={"link": "https://desk.example/s/1"},
        channels=[Channel.SMS],
    )
    return message


def test_opted_out_number_gets_no_default_survey_sms_after_its_template_is_deactivated(service_request):
    # The editor had made the survey SMS non-informational, then switched that template off:
    # the built-in (informational) default is sent instead, so the opt-out must hold.
    MessageTemplate.objects.filter(event=Event.SURVEY_INVITATION, channel=Channel.SMS).update(
        informational=False, is_active=False
    )
    handle_sms_keyword(service_request.applicant.mobile, "11")
    message = _survey_sms(service_request)
    delivery.deliver_due()
    message.refresh_from_db()
    assert sms.outbox == []
    assert message.status == MessageStatus.SKIPPED


def test_informational_flag_is_stored_from_the_template_used_at_enqueue(service_request):
    MessageTemplate.objects.filter(event=Event.SURVEY_INVITATION, channel=Channel.SMS).update(is_active=False)
    assert _survey_sms(service_request).informational is True
    MessageTemplate.objects.filter(event=Event.SURVEY_INVITATION, channel=Channel.SMS).update(
        is_active=True, informational=False
    )
    assert _survey_sms(service_request).informational is False


def test_editing_the_template_after_enqueue_does_not_change_a_queued_message(service_request):
    handle_sms_keyword(service_request.applicant.mobile, "11")
    message = _survey_sms(service_request)
    MessageTemplate.objects.filter(event=Event.SURVEY_INVITATION, channel=Channel.SMS).update(informational=False)
    delivery.deliver_due()
    message.refresh_from_db()
    assert sms.outbox == [] and message.status == MessageStatus.SKIPPED


def test_non_informational_sms_still_reaches_an_opted_out_number(service_request):
    handle_sms_keyword(service_request.applicant.mobile, "11")
    outbox.enqueue(
        Event.DECIDED, service_request=service_request, context={"decision": "تأیید"}, channels=[Channel.SMS]
    )
    delivery.deliver_due()
    assert [m.mobile for m in sms.outbox] == [service_request.applicant.mobile]
