"""Following a service: subscribe, confirm with a code, opt out by link or SMS keyword."""

import re

import pytest
from django.urls import reverse

from core import sms
from core.persian import to_ascii_digits
from notifications import subscriptions
from notifications.enums import SubscriptionStatus
from notifications.models import OutboxMessage, SmsOptOut, Subscription
from tests.factories import FINAL, UnitFactory, build_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return build_guide([(UnitFactory(), FINAL)])


def _code_from_last_sms() -> str:
    return re.search(r"\d{6}", to_ascii_digits(sms.outbox[-1].text)).group(0)


def _subscribe(client, guide, django_capture_on_commit_callbacks, mobile="۰۹۱۲۰۰۰۵۵۵۵"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("notifications:subscribe", args=[guide.service_code]), {"mobile": mobile})


def test_subscribe_page_is_in_persian(client, guide):
    response = client.get(reverse("notifications:subscribe", args=[guide.service_code]))
    assert response.status_code == 200
    assert guide.title in response.content.decode()


def test_subscribing_sends_a_code_to_the_normalised_mobile(client, guide, django_capture_on_commit_callbacks):
    response = _subscribe(client, guide, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("notifications:confirm")
    assert sms.outbox[-1].mobile == "09120005555"
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_the_right_code_confirms_the_subscription(client, guide, django_capture_on_commit_callbacks):
    _subscribe(client, guide, django_capture_on_commit_callbacks)
    response = client.post(reverse("notifications:confirm"), {"code": _code_from_last_sms()})
    assert response.status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.CONFIRMED


def test_a_wrong_code_is_refused_with_a_persian_message(client, guide, django_capture_on_commit_callbacks):
    _subscribe(client, guide, django_capture_on_commit_callbacks)
    wrong = "000000" if _code_from_last_sms() != "000000" else "111111"
    response = client.post(reverse("notifications:confirm"), {"code": wrong})
    assert "کد درست نیست" in response.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_five_wrong_codes_lock_the_code(guide):
    subscription = subscriptions.subscribe(guide, mobile="09120005555")
    for _ in range(subscriptions.MAX_CODE_ATTEMPTS):
        with pytest.raises(subscriptions.SubscriptionError):
            subscriptions.confirm(subscription, "999999x")
    code = re.search(r"\d{6}", to_ascii_digits(OutboxMessage.objects.get().body)).group(0)
    with pytest.raises(subscriptions.SubscriptionError):
        subscriptions.confirm(subscription, code)  # even the right code is refused now
    subscription.refresh_from_db()
    assert subscription.code_attempts == subscriptions.MAX_CODE_ATTEMPTS


def test_unsubscribe_link_stops_the_subscription(client, guide):
    subscription = Subscription.objects.create(
        guide=guide, email="a@example.invalid", status=SubscriptionStatus.CONFIRMED
    )
    url = reverse("notifications:unsubscribe", args=[subscription.token])
    assert client.get(url).status_code == 200
    client.post(url)
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED


def test_inbound_sms_11_opts_out_and_12_opts_back_in(client, guide, settings):
    settings.SMS_INBOUND_TOKEN = "inbound-secret"
    subscription = Subscription.objects.create(
        guide=guide, mobile="09120005555", status=SubscriptionStatus.CONFIRMED, confirmed_at="2025-01-01T00:00:00Z"
    )
    url = reverse("notifications:sms_inbound")
    out = client.post(
        url,
        {"sender": "+989120005555", "text": "۱۱"},
        content_type="application/json",
        headers={"X-Desk-Token": "inbound-secret"},
    )
    subscription.refresh_from_db()
    assert out.json() == {"result": "opted_out"} and subscription.status == SubscriptionStatus.UNSUBSCRIBED
    assert SmsOptOut.objects.count() == 1 and "09120005555" not in SmsOptOut.objects.get().mobile_hash
    back = client.post(
        url,
        {"sender": "09120005555", "text": "12"},
        content_type="application/json",
        headers={"X-Desk-Token": "inbound-secret"},
    )
    subscription.refresh_from_db()
    assert back.json() == {"result": "opted_in"} and subscription.status == SubscriptionStatus.CONFIRMED
    assert not SmsOptOut.objects.exists()


def test_inbound_sms_without_the_shared_token_is_refused(client, settings):
    settings.SMS_INBOUND_TOKEN = "inbound-secret"
    response = client.post(
        reverse("notifications:sms_inbound"), {"sender": "09120005555", "text": "11"}, content_type="application/json"
    )
    assert response.status_code == 403 and not SmsOptOut.objects.exists()
