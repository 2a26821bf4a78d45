"""The inbox costs the same number of queries whether an officer holds 50 or 500 tasks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workflows import demo, services
from workflows.flows import RequestFlow

from .factories import FINAL, UnitFactory, applicant_data, build_guide, member

pytestmark = pytest.mark.django_db


def _fill_inbox(guide, count: int) -> None:
    for _ in range(count):
        request = services.submit_request(guide=guide, applicant=applicant_data(), files={}, channel="online")
        demo._claim(request)


def _inbox_queries(client, officer) -> int:
    client.force_login(officer)
    url = RequestFlow.instance.reverse("inbox")
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_inbox_query_count_is_the_same_at_50_and_500_tasks(client):
    intake, unit = UnitFactory(), UnitFactory()
    officer = member(intake)
    member(unit)
    guide = build_guide([(unit, FINAL)], intake_unit=intake, documents=())
    _fill_inbox(guide, 50)
    at_50 = _inbox_queries(client, officer)
    _fill_inbox(guide, 450)
    at_500 = _inbox_queries(client, officer)
    print(f"inbox queries: {at_50} at 50 tasks, {at_500} at 500 tasks")
    assert at_50 == at_500
