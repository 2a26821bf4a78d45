"""The officer lists cost the same number of queries whether they hold 50 or 500 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workflows import demo, services
from workflows.flows import RequestFlow

from .factories import FINAL, UnitFactory, applicant_data, build_guide, member

pytestmark = pytest.mark.django_db


def _fill(guide, count: int, *, claimed: bool) -> None:
    for _ in range(count):
        request = services.submit_request(guide=guide, applicant=applicant_data(), files={}, channel="online")
        if claimed:
            demo._claim(request)


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
    _fill(guide, 50, claimed=claimed)
    at_50 = _queries(client, officer, view, 50)
    _fill(guide, 450, claimed=claimed)
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
