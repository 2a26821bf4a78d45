"""One definition of "overdue": the row property and the query agree for every status and date."""

import datetime as dt

import pytest

from tests.factories import FINAL, UnitFactory, build_guide, submit
from workflows.enums import RequestStatus
from workflows.models import ServiceRequest

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 28)


def test_is_overdue_on_agrees_with_the_overdue_query_for_every_status_and_date():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    for status in RequestStatus:
        for stage_due in (None, TODAY - dt.timedelta(days=1), TODAY, TODAY + dt.timedelta(days=1)):
            ServiceRequest.objects.filter(pk=request.pk).update(status=status, stage_due=stage_due)
            row = ServiceRequest.objects.get(pk=request.pk)
            in_query = ServiceRequest.objects.overdue(TODAY).filter(pk=request.pk).exists()
            assert row.is_overdue_on(TODAY) is in_query, (status, stage_due)
            assert ServiceRequest.objects.not_overdue(TODAY).filter(pk=request.pk).exists() is not in_query


def test_an_open_request_past_its_stage_deadline_is_overdue():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    ServiceRequest.objects.filter(pk=request.pk).update(stage_due=TODAY - dt.timedelta(days=1))
    request.refresh_from_db()
    assert request.is_open and request.is_overdue_on(TODAY)
    assert list(ServiceRequest.objects.overdue(TODAY)) == [request]
