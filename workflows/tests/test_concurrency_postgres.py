"""Two officers at once, on two real PostgreSQL connections: exactly one wins, the other is told.

Marked `postgres`: on SQLite it is reported as skipped, since SQLite serialises writers and the
race cannot happen there.
"""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client

from cms.enums import Outcome
from tests.factories import FINAL, UnitFactory, build_guide, member, submit
from workflows.enums import RequestStatus

from .helpers import act, claim, open_task, refreshed, task_url

pytestmark = [
    pytest.mark.postgres(reason="two real connections racing; SQLite serialises writers"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
JOIN_TIMEOUT_S = 60


def _race(requests_to_send):
    """Run each (user, url, data) on its own thread and connection, released together."""
    barrier = threading.Barrier(len(requests_to_send), timeout=JOIN_TIMEOUT_S)
    results = [None] * len(requests_to_send)

    def worker(index, user, url, data):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            response = client.post(url, data)
            results[index] = (response.status_code, [str(m) for m in get_messages(response.wsgi_request)])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, *item), daemon=True) for i, item in enumerate(requests_to_send)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT_S)
    assert not any(t.is_alive() for t in threads), f"a racing request still runs after {JOIN_TIMEOUT_S} s (deadlock?)"
    return results


@pytest.fixture
def desk():
    intake, unit = UnitFactory(), UnitFactory()
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    return {"guide": guide, "intake": member(intake), "a": member(unit), "b": member(unit)}


def test_two_officers_claiming_at_once_exactly_one_gets_it(client, desk):
    assert connection.vendor == "postgresql"
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    url = task_url(request, "assign")
    results = _race([(desk["a"], url, {}), (desk["b"], url, {})])
    owner = open_task(request).owner
    assert owner in (desk["a"], desk["b"])
    loser = results[1] if owner == desk["a"] else results[0]
    assert "کارشناس دیگری پیش‌تر این درخواست را برداشته است." in loser[1]
    assert refreshed(request).current_officer == owner
    assert refreshed(request).timeline.filter(action="claimed").count() == 2  # intake + this stage


def test_double_submitted_decision_is_recorded_once(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    claim(client, desk["a"], request)
    url = task_url(request, "execute")
    data = {"outcome": Outcome.APPROVE, "comment": "موافقت"}
    results = _race([(desk["a"], url, data), (desk["a"], url, data)])
    assert sorted(status for status, _ in results) == [302, 403]
    request = refreshed(request)
    assert request.status == RequestStatus.APPROVED
    assert request.timeline.filter(action="approve").count() == 1
