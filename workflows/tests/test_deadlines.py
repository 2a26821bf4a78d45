"""Working-day deadlines (core.calendar) and the clock pausing while the citizen is asked."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.enums import Outcome
from core.calendar import add_working_days, due_date_for, working_days_paused
from core.models import Holiday
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member, pdf_upload, submit
from workflows import services
from workflows.models import ServiceRequest

from .helpers import act, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    intake, first, final = UnitFactory(), UnitFactory(), UnitFactory()
    guide = build_guide([(first, MIDDLE, 4), (final, FINAL, 2)], intake_unit=intake, max_days=15)
    return {"guide": guide, "intake": member(intake), "first": member(first), "final": member(final)}


def test_new_request_gets_legal_and_intake_deadlines_in_working_days(desk):
    request = submit(desk["guide"])
    assert request.due_date == due_date_for(request.submitted_at, 15)
    assert request.stage_due == due_date_for(request.submitted_at, services.intake_working_days())


def test_entering_a_stage_sets_its_working_day_deadline(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    assert refreshed(request).stage_due == add_working_days(timezone.localdate(), 4)
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="ok")
    assert refreshed(request).stage_due == add_working_days(timezone.localdate(), 2)


def test_deadline_skips_official_holidays(desk):
    today = timezone.localdate()
    plain = due_date_for(today, 15)
    Holiday.objects.create(date=add_working_days(today, 1), title="تعطیل آزمایشی")
    request = submit(desk["guide"])
    assert request.due_date == add_working_days(plain, 1)


def test_waiting_for_the_citizen_pauses_both_clocks(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    act(client, desk["first"], request, outcome=Outcome.DOCUMENTS, documents=["photo"], comment="عکس")
    waited_since = timezone.localdate() - dt.timedelta(days=9)
    ServiceRequest.objects.filter(pk=request.pk).update(waiting_since=waited_since)
    before = refreshed(request)
    services.provide_documents(before, {"photo": pdf_upload()})
    after = refreshed(request)
    paused = working_days_paused(waited_since, timezone.localdate())
    assert paused > 0
    assert after.due_date == add_working_days(before.due_date, paused)
    assert after.stage_due == add_working_days(before.stage_due, paused)


def test_overdue_is_flagged_in_the_inbox(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    from .helpers import claim

    claim(client, desk["first"], request)
    ServiceRequest.objects.filter(pk=request.pk).update(stage_due=timezone.localdate() - dt.timedelta(days=2))
    from workflows.flows import RequestFlow

    content = client.get(RequestFlow.instance.reverse("inbox")).content.decode()
    assert "desk-overdue" in content
    assert refreshed(request).is_overdue
