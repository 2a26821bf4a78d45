"""Suite-wide fixtures and markers.

Every test starts with empty caches so query counts do not depend on order. Tests marked
`postgres` need real PostgreSQL connections: on SQLite they are reported as SKIPPED with the reason.
"""

import pytest
from django.db import transaction


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    for item in items:
        marker = item.get_closest_marker("postgres")
        if marker is not None:
            why = marker.kwargs.get("reason", "needs PostgreSQL")
            item.add_marker(pytest.mark.skip(reason=f"{why}; run with DATABASE_URL=postgres://…"))


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test module, rolled back at its end.

    Module-scoped fixtures that depend on it build their data once (setup that costs seconds);
    each test still runs in its own savepoint on top (as in Django's TestCase), so what a test
    writes is undone before the next. Not for modules with transactional tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import cache

    from core import sms
    from core.calendar import clear_holiday_cache

    cache.clear()
    clear_holiday_cache()
    sms.outbox.clear()
    yield


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch):
    """`client.force_login(user)` also passes the second factor (tests.factories.pass_second_factor): staff
    prefixes require MFA, and tests of other behaviour should not type codes. Security tests sign in through
    the real forms instead."""
    from django.test.client import ClientMixin

    from tests.factories import pass_second_factor

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def security_tally():
    """Counts attempts per security area for the `make security` table (tests/security_tally.py)."""
    from tests.security_tally import TALLY

    return TALLY


def pytest_terminal_summary(terminalreporter):
    from tests.security_tally import TALLY

    if TALLY.areas:
        terminalreporter.write_sep("=", "security battery")
        terminalreporter.write_line(TALLY.table())
