"""A request follows the routing plan in force at submission, whatever editors change later."""

import pytest

from cms.enums import Outcome
from cms.models import RoutingStage, ServiceGuidePage
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member, submit

from .helpers import act, refreshed

pytestmark = pytest.mark.django_db


def test_request_keeps_following_the_plan_pinned_at_submission(client):
    intake, first, final, newcomer = UnitFactory(), UnitFactory(), UnitFactory(), UnitFactory()
    people = {u.pk: member(u) for u in (intake, first, final, newcomer)}
    guide = build_guide([(first, MIDDLE), (final, FINAL)], intake_unit=intake)
    request = submit(guide)
    pinned_revision = request.guide_revision

    # Editors replace the plan: the second stage now goes to another unit, and a stage is added.
    RoutingStage.objects.filter(page=guide, unit=final).update(unit=newcomer)
    RoutingStage.objects.create(page=guide, sort_order=5, title="تازه", unit=final, outcomes=list(FINAL))
    guide = ServiceGuidePage.objects.get(pk=guide.pk)
    guide.save_revision().publish()
    assert [s["unit_id"] for s in guide.routing_snapshot()] == [first.pk, newcomer.pk, final.pk]

    act(client, people[intake.pk], request, result="complete", comment="ok")
    act(client, people[first.pk], request, outcome=Outcome.FORWARD, comment="ok")
    request = refreshed(request)
    assert request.current_unit == final
    assert request.guide_revision == pinned_revision
    assert len(request.routing_snapshot) == 2
    act(client, people[final.pk], request, outcome=Outcome.APPROVE, comment="ok")
    assert refreshed(request).status == "approved"

    later = submit(ServiceGuidePage.objects.get(pk=guide.pk))
    assert [s["unit_id"] for s in later.routing_snapshot] == [first.pk, newcomer.pk, final.pk]
    assert later.guide_revision != pinned_revision
