"""SMS gateway backends for core.sms (selected by settings.SMS_BACKEND, like its console/file backends).

Both send the outbox row's idempotency key, so a retry after a lost answer is not delivered twice.
"""

import logging

import requests
from django.conf import settings

from core import http
from core.sms import BaseBackend, mask_mobile

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A failed send. retryable=False means retrying cannot help (e.g. the gateway refused the number)."""

    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


def _timeout() -> float:
    return float(getattr(settings, "SMS_TIMEOUT", 10))


def _post(url: str, **kwargs) -> requests.Response:
    try:
        return http.post(url, timeout=_timeout(), **kwargs)
    except http.RemoteError as exc:
        raise DeliveryError(f"gateway {exc}", retryable=exc.retryable) from None


def _raise_for_status(status: int) -> None:
    try:
        http.raise_for_status(status)
    except http.RemoteError as exc:
        raise DeliveryError(f"gateway {exc}", retryable=exc.retryable) from None


class HttpBackend(BaseBackend):
    """A generic JSON gateway: POST {to, text, sender} to SMS_HTTP_URL with an Idempotency-Key header.

    Expects 2xx with {"id": "..."}; 5xx, 429, timeouts and connection errors are retried.
    """

    supports_idempotency_key = True

    def send(self, mobile: str, text: str, *, idempotency_key: str | None = None) -> str:
        url = getattr(settings, "SMS_HTTP_URL", "")
        if not url:
            raise DeliveryError("SMS_HTTP_URL is not set", retryable=False)
        headers = {"Idempotency-Key": idempotency_key or self.new_id()}
        token = getattr(settings, "SMS_HTTP_TOKEN", "")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = {"to": mobile, "text": text, "sender": getattr(settings, "SMS_SENDER", "")}
        response = _post(url, json=payload, headers=headers)
        try:
            reference = str(response.json().get("id", ""))
        except ValueError:
            reference = ""
        logger.info("SMS to %s accepted by the HTTP gateway (%s)", mask_mobile(mobile), reference)
        return reference


class KavenegarBackend(BaseBackend):
    """Kavenegar's REST API: POST /v1/{key}/sms/send.json with receptor, sender, message.

    localid carries our idempotency key (Kavenegar refuses a second message with the same localid).
    """

    supports_idempotency_key = True

    def send(self, mobile: str, text: str, *, idempotency_key: str | None = None) -> str:
        key = getattr(settings, "KAVENEGAR_API_KEY", "")
        if not key:
            raise DeliveryError("KAVENEGAR_API_KEY is not set", retryable=False)
        base = getattr(settings, "KAVENEGAR_URL", "https://api.kavenegar.com").rstrip("/")
        data = {
            "receptor": mobile,
            "sender": getattr(settings, "SMS_SENDER", ""),
            "message": text,
            "localid": idempotency_key or self.new_id(),
        }
        # The URL holds the API key: it must never reach a log line.
        response = _post(f"{base}/v1/{key}/sms/send.json", data=data)
        try:
            body = response.json()
            status = int(body.get("return", {}).get("status", response.status_code))
            entries = body.get("entries") or [{}]
        except (ValueError, AttributeError, TypeError):
            raise DeliveryError("Kavenegar answered something that is not JSON")
        if status != 200:
            _raise_for_status(status if status >= 400 else 500)
        reference = str(entries[0].get("messageid", ""))
        logger.info("SMS to %s accepted by Kavenegar (%s)", mask_mobile(mobile), reference)
        return reference
