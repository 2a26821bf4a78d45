"""Messages that fail for good become dead letters; an admin can resend them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core import sms
from notifications import clock, delivery
from notifications.enums import Channel, Event, MessageStatus
from notifications.models import OutboxMessage
from tests.factories import FINAL, UnitFactory, build_guide, submit

from .fakes import FakeSmsGateway, Outage

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    return OutboxMessage.objects.get(service_request=request, event=Event.REGISTERED, channel=Channel.SMS)


def _drive(passes: int) -> None:
    for _ in range(passes):
        delivery.deliver_due()
        clock.advance(60)


def test_message_becomes_dead_after_the_last_attempt(settings, message):
    with FakeSmsGateway(outage=Outage(10_000)) as gateway:
        settings.SMS_BACKEND = "notifications.backends.HttpBackend"
        settings.SMS_HTTP_URL = gateway.url + "/send"
        _drive(5)
    message.refresh_from_db()
    assert message.status == MessageStatus.DEAD and message.attempts == 3
    assert message.last_error == "gateway answered 500"


def test_gateway_refusal_is_not_retried(settings, message):
    settings.SMS_BACKEND = "notifications.backends.HttpBackend"
    settings.SMS_HTTP_URL = ""
    _drive(1)
    message.refresh_from_db()
    assert message.status == MessageStatus.DEAD and message.attempts == 1


def test_admin_resend_action_queues_a_dead_letter_for_delivery(settings, message, client):
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.DEAD, attempts=3)
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345-long")
    client.force_login(admin)
    response = client.post(
        reverse("admin:notifications_deadletter_changelist"),
        {"action": "resend_messages", "_selected_action": [message.pk]},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and message.attempts == 0
    delivery.deliver_due()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert [m.mobile for m in sms.outbox] == [message.service_request.applicant.mobile]


def test_dead_letter_list_shows_only_dead_messages(message, client):
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.DEAD)
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345-long")
    client.force_login(admin)
    response = client.get(reverse("admin:notifications_deadletter_changelist"))
    assert response.status_code == 200 and response.context["cl"].result_count == 1
