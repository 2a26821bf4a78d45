"""The generic REST connector: POST the letter as JSON to {CORRESPONDENCE_URL}/letters, signed."""

import json
import logging

from django.conf import settings

from core import http

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
            response = http.post(
                url, data=body, headers=headers, timeout=float(getattr(settings, "CORRESPONDENCE_TIMEOUT", 10))
            )
        except http.RemoteError as exc:
            raise ConnectorError(f"correspondence system {exc}", retryable=exc.retryable) from None
        try:
            number = str(response.json()["letter_number"])
        except (ValueError, KeyError, TypeError):
            raise ConnectorError("correspondence system answered without a letter number")
        logger.info("Letter %s registered as %s", letter.get("reference"), number)
        return number
