"""The shared test kit: ServiceRequestFactory's traits put requests where their names say."""

import pytest
from viewflow.workflow.status import STATUS

from tests.factories import ServiceRequestFactory, staffed_guide
from workflows import services
from workflows.enums import RequestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return staffed_guide(stages=1)


def test_a_new_request_waits_unclaimed_at_intake(guide):
    request = ServiceRequestFactory(guide=guide)
    assert request.status == RequestStatus.SUBMITTED and request.current_unit == guide.intake_unit
    assert services.open_task(request).status == STATUS.NEW
    assert not request.is_overdue


def test_in_review_request_waits_in_the_first_stage_queue(guide):
    request = ServiceRequestFactory(guide=guide, in_review=True)
    assert request.status == RequestStatus.IN_REVIEW
    assert request.current_unit_id == guide.routing_snapshot()[0]["unit_id"]


def test_claimed_request_is_held_by_an_officer_of_its_unit(guide):
    request = ServiceRequestFactory(guide=guide, in_review=True, claimed=True)
    task = services.open_task(request)
    assert task.status == STATUS.ASSIGNED
    assert task.owner.unit_memberships.filter(unit=request.current_unit).exists()


def test_overdue_request_is_flagged_overdue(guide):
    assert ServiceRequestFactory(guide=guide, overdue=True).is_overdue
