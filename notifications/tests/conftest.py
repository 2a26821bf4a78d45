import os

import pytest

from core import sms
from notifications import clock

# Needs several real PostgreSQL connections; on SQLite it is not collected at all.
collect_ignore = [] if os.environ.get("DATABASE_URL", "").startswith("postgres") else ["test_claim_postgres.py"]


@pytest.fixture(autouse=True)
def _defaults(settings):
    settings.LANGUAGE_CODE = "fa"
    settings.SMS_BACKEND = "core.sms.LocmemBackend"
    settings.NOTIFICATIONS_BACKOFF_BASE = 5
    settings.NOTIFICATIONS_BACKOFF_MAX = 600
    settings.CORRESPONDENCE_URL = ""
    sms.outbox.clear()
    clock.reset()
    yield
    clock.reset()
    sms.outbox.clear()
