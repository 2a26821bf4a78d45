"""A small pluggable SMS layer: send_sms() hands a message to the backend named by settings.SMS_BACKEND.

Backends: ConsoleBackend (development), FileBackend (demo: JSON lines in SMS_FILE_PATH),
LocmemBackend (tests: core.sms.outbox). Real gateways (Kavenegar, SMS.ir…) plug in as further backends.
Logs never carry a full mobile number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import os
import sys
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .persian import to_ascii_digits
from .validators import normalize_mobile

logger = logging.getLogger(__name__)

OPT_OUT_SUFFIX = "لغو ۱۱"
DEFAULT_BACKEND = "core.sms.ConsoleBackend"


@dataclasses.dataclass(frozen=True)
class SmsMessage:
    id: str
    mobile: str
    text: str
    sent_at: dt.datetime


outbox: list[SmsMessage] = []  # filled by LocmemBackend; tests clear it


def mask_mobile(mobile: str) -> str:
    """0912***4567: enough to recognise a number in a log, not enough to use it."""
    digits = to_ascii_digits(str(mobile or ""))
    if len(digits) < 8:
        return "***"
    return f"{digits[:4]}***{digits[-4:]}"


def with_opt_out(text: str) -> str:
    """Informational SMS must end with 'لغو ۱۱' (national rule); adds it once."""
    body = (text or "").rstrip()
    if to_ascii_digits(body).endswith("لغو 11"):
        return body
    return f"{body}\n{OPT_OUT_SUFFIX}"


class BaseBackend:
    """Subclasses implement send() and return the provider's message id."""

    def send(self, mobile: str, text: str) -> str:
        raise NotImplementedError

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex


class ConsoleBackend(BaseBackend):
    """Development: prints the message to stdout; the log line carries only the masked number."""

    def send(self, mobile: str, text: str) -> str:
        message_id = self.new_id()
        sys.stdout.write(f"[SMS {message_id}] to {mask_mobile(mobile)}:\n{text}\n")
        sys.stdout.flush()
        logger.info("SMS %s sent to %s via console", message_id, mask_mobile(mobile))
        return message_id


class FileBackend(BaseBackend):
    """Demo: appends one JSON object per message to settings.SMS_FILE_PATH (default var/sms.log)."""

    _lock = threading.Lock()

    @staticmethod
    def path() -> Path:
        return Path(getattr(settings, "SMS_FILE_PATH", Path(settings.BASE_DIR) / "var" / "sms.log"))

    def send(self, mobile: str, text: str) -> str:
        message_id = self.new_id()
        record = {"id": message_id, "mobile": mobile, "text": text, "sent_at": timezone.now().isoformat()}
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            # The file holds full numbers, so only the owner may read it.
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                handle.write(line)
        logger.info("SMS %s to %s written to file", message_id, mask_mobile(mobile))
        return message_id


class LocmemBackend(BaseBackend):
    """Tests: keeps messages in core.sms.outbox."""

    def send(self, mobile: str, text: str) -> str:
        message = SmsMessage(id=self.new_id(), mobile=mobile, text=text, sent_at=timezone.now())
        outbox.append(message)
        return message.id


@functools.lru_cache(maxsize=8)
def _backend_class(path: str) -> type[BaseBackend]:
    return import_string(path)


def get_backend() -> BaseBackend:
    return _backend_class(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))()


def send_sms(mobile: str, text: str) -> str:
    """Send ``text`` to an Iranian mobile (any digit script/prefix); returns the provider message id.

    Raises django ValidationError for a bad mobile and ValueError for an empty text.
    """
    number = normalize_mobile(mobile)
    if not (text or "").strip():
        raise ValueError("An SMS needs a text.")
    return get_backend().send(number, text)
