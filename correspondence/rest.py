"""The generic REST connector: POST the letter as JSON to {CORRESPONDENCE_URL}/letters, signed."""

import json
import logging

import requests
from django.conf import settings

from .base import Connector, ConnectorError
from .registry import register
from .signing import signed_headers

logger = logging.getLogger(__name__)


@register
class RestConnector(Connector):
    """Expects 200/201 with {"letter_number": "..."}; 5xx, 429 and timeouts are retried by the outbox."""

    name = "rest"

    def send_letter(self, letter: dict, *, idempotency_key: str) -> str:
        url = settings.CORRESPONDENCE_URL.rstrip("/") + "/letters"
        body = json.dumps(letter, ensure_ascii=False, sort_keys=True).encode()
        headers = {"Content-Type": "application/json", "Idempotency-Key": idempotency_key, **signed_headers(body)}
        try:
            response = requests.post(
                url, data=body, headers=headers, timeout=float(getattr(settings, "CORRESPONDENCE_TIMEOUT", 10))
            )
        except requests.Timeout:
            raise ConnectorError("correspondence system timeout")
        except requests.RequestException as exc:
            raise ConnectorError(f"correspondence system unreachable: {type(exc).__name__}")
        if response.status_code >= 500 or response.status_code == 429:
            raise ConnectorError(f"correspondence system answered {response.status_code}")
        if response.status_code >= 400:
            raise ConnectorError(f"correspondence system refused the letter ({response.status_code})", retryable=False)
        try:
            number = str(response.json()["letter_number"])
        except (ValueError, KeyError, TypeError):
            raise ConnectorError("correspondence system answered without a letter number")
        logger.info("Letter %s registered as %s", letter.get("reference"), number)
        return number
