"""The demo seeder spreads requests over every state and can run again without duplicating."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.enums import Role
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member
from workflows.demo import ensure_groups, seed_requests
from workflows.enums import RequestStatus
from workflows.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_seed_requests_covers_every_state_and_is_idempotent():
    intake, first, final = UnitFactory(), UnitFactory(), UnitFactory()
    for unit in (intake, first, final):
        member(unit)
        member(unit, role=Role.HEAD)
    member(UnitFactory(), username="manager").groups.add(ensure_groups()["Managers"])  # may close requests
    build_guide([(first, MIDDLE), (final, FINAL)], intake_unit=intake)
    summary = seed_requests(target=24)
    assert summary == {"demo requests": 24, "demo requests created": 24}
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert seed_requests(target=24)["demo requests created"] == 0
    assert ServiceRequest.objects.count() == 24


def test_seed_demo_loads_the_fixtures_and_prints_the_same_demo_accounts(settings):
    out = io.StringIO()
    call_command("seed_demo", "--requests", "0", stdout=out)
    accounts = out.getvalue().split(f"Demo accounts (password: {settings.DESK_DEMO_PASSWORD}):\n")[1].split()
    assert accounts == ["editor", "reviewer", "clerk", "officer1", "officer2", "officer3", "head1", "manager", "admin"]
    manager = get_user_model().objects.get(username="manager")
    assert manager.has_perm("workflows.cancel_request") and manager.check_password(settings.DESK_DEMO_PASSWORD)
