"""The gateway backends speak the documented HTTP APIs (checked against a loopback server)."""

import urllib.parse

import pytest

from notifications.backends import DeliveryError, HttpBackend, KavenegarBackend

from .fakes import FakeSmsGateway


def test_kavenegar_backend_posts_receptor_sender_and_message_to_send_json(settings):
    with FakeSmsGateway() as gateway:
        settings.KAVENEGAR_URL = gateway.url
        settings.KAVENEGAR_API_KEY = "abc123"
        settings.SMS_SENDER = "10004346"
        reference = KavenegarBackend().send("09120001234", "سلام", idempotency_key="key-1")
        call = gateway.requests[0]
    assert call["path"] == "/v1/abc123/sms/send.json"
    form = urllib.parse.parse_qs(call["body"].decode())
    assert form["receptor"] == ["09120001234"] and form["sender"] == ["10004346"] and form["message"] == ["سلام"]
    assert form["localid"] == ["key-1"] and reference


def test_http_backend_sends_the_idempotency_key_header(settings):
    with FakeSmsGateway() as gateway:
        settings.SMS_HTTP_URL = gateway.url + "/send"
        settings.SMS_HTTP_TOKEN = "gw-token"
        HttpBackend().send("09120001234", "سلام", idempotency_key="key-2")
        headers = gateway.requests[0]["headers"]
    assert headers["Idempotency-Key"] == "key-2" and headers["Authorization"] == "Bearer gw-token"


def test_unreachable_gateway_is_a_retryable_error(settings):
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/send"
    settings.SMS_TIMEOUT = 0.5
    with pytest.raises(DeliveryError) as error:
        HttpBackend().send("09120001234", "سلام", idempotency_key="k")
    assert error.value.retryable
