"""The demo seeder spreads requests over every state and can run again without duplicating."""

import pytest

from cms.enums import Role
from workflows.demo import seed_requests
from workflows.enums import RequestStatus
from workflows.models import ServiceRequest

from .factories import FINAL, MIDDLE, UnitFactory, build_guide, member

pytestmark = pytest.mark.django_db


def test_seed_requests_covers_every_state_and_is_idempotent():
    intake, first, final = UnitFactory(), UnitFactory(), UnitFactory()
    for unit in (intake, first, final):
        member(unit)
        member(unit, role=Role.HEAD)
    member(UnitFactory(), username="manager")
    build_guide([(first, MIDDLE), (final, FINAL)], intake_unit=intake)
    summary = seed_requests(target=24)
    assert summary == {"demo requests": 24, "demo requests created": 24}
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert seed_requests(target=24)["demo requests created"] == 0
    assert ServiceRequest.objects.count() == 24
