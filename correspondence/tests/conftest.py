import pytest

from core import sms
from notifications import clock

SECRET = "test-shared-secret-for-hmac"


@pytest.fixture(autouse=True)
def _defaults(settings):
    settings.LANGUAGE_CODE = "fa"
    settings.SMS_BACKEND = "core.sms.LocmemBackend"
    settings.CORRESPONDENCE_URL = ""
    settings.CORRESPONDENCE_SECRET = SECRET
    settings.CORRESPONDENCE_TIMEOUT = 0.2
    sms.outbox.clear()
    clock.reset()
    yield
    clock.reset()
    sms.outbox.clear()
