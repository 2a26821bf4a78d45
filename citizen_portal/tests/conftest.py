import pytest
from django.core.cache import cache

from core import sms


@pytest.fixture(autouse=True)
def _fresh_cache_and_outbox():
    cache.clear()
    sms.outbox.clear()
    yield
    cache.clear()
    sms.outbox.clear()


@pytest.fixture
def guide(db):
    from tests.factories import staffed_guide

    return staffed_guide()
