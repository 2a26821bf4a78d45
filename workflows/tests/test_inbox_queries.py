"""The officer lists cost the same number of queries whether they hold 50 or 500 rows.

The first 50 requests are submitted through workflows.services; the other 450 are cloned from
them inside the database by the benchmark's generator (tests.perf.datagen.grow), which copies
every row a submission writes (applicant, request, Viewflow process, tasks and task links,
timeline, documents), so the lists read what 500 real submissions would give them, in seconds.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import FINAL, ServiceRequestFactory, UnitFactory, build_guide, member
from tests.perf.datagen import grow
from workflows.flows import RequestFlow

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _queries(client, officer, view: str, rows: int) -> int:
    client.force_login(officer)
    url = RequestFlow.instance.reverse(view)
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["paginator"].count == rows  # the list really holds them all
    return len(captured)


def _queries_at_50_and_500(client, view: str, *, claimed: bool) -> tuple[int, int]:
    intake, unit = UnitFactory(), UnitFactory()
    officer = member(intake)
    member(unit)
    guide = build_guide([(unit, FINAL)], intake_unit=intake, documents=())
    ServiceRequestFactory.create_batch(50, guide=guide, claimed=claimed)
    at_50 = _queries(client, officer, view, 50)
    assert grow(500) == 450
    at_500 = _queries(client, officer, view, 500)
    print(f"{view} queries: {at_50} at 50 rows, {at_500} at 500 rows")
    return at_50, at_500


def test_inbox_query_count_is_the_same_at_50_and_500_tasks(client):
    at_50, at_500 = _queries_at_50_and_500(client, "inbox", claimed=True)
    assert at_50 == at_500


def test_unit_queue_query_count_is_the_same_at_50_and_500_tasks(client):
    at_50, at_500 = _queries_at_50_and_500(client, "queue", claimed=False)
    assert at_50 == at_500


def test_request_list_query_count_is_the_same_at_50_and_500_requests(client):
    at_50, at_500 = _queries_at_50_and_500(client, "process_list", claimed=False)
    assert at_50 == at_500
