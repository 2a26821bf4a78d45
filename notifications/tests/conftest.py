import pytest

from core import sms
from notifications import clock, delivery
from tests.factories import FINAL, UnitFactory, build_guide, submit


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


@pytest.fixture
def service_request():
    """A submitted request whose registration message has already gone out."""
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    delivery.deliver_due()
    sms.outbox.clear()
    return request
