"""Authorisation rules from the security evaluation: head-only stays head-only, visibility follows
need (current unit, recent action, intake desk until intake ends, records), and Viewflow's raw URLs
check the task's own process."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.enums import Outcome, Role
from cms.models import RoutingStage, UnitMembership
from core.models import AuditEvent
from tests.factories import FINAL, UnitFactory, UserFactory, build_guide, member, submit
from workflows import services
from workflows.demo import ensure_groups
from workflows.flows import RequestFlow
from workflows.models import TimelineEntry
from workflows.permissions import can_view_request
from workflows.views.requests import request_page_url

from .helpers import act, open_task, refreshed

pytestmark = [pytest.mark.django_db, pytest.mark.security]


@pytest.fixture
def desk():
    intake, unit, other = UnitFactory(), UnitFactory(), UnitFactory()
    return {
        "intake": intake,
        "unit": unit,
        "other": other,
        "intake_officer": member(intake),
        "officer": member(unit),
        "head": member(unit, role=Role.HEAD),
        "guide": build_guide([(unit, FINAL)], intake_unit=intake),
    }


def _head_only(desk):
    RoutingStage.objects.filter(page=desk["guide"]).update(role=Role.HEAD)
    return type(desk["guide"]).objects.get(pk=desk["guide"].pk)


def test_head_cannot_assign_a_head_only_stage_to_a_plain_officer(client, desk, security_tally):
    request = submit(_head_only(desk))
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    with pytest.raises(services.ServiceError):
        services.assign_task(refreshed(request), desk["officer"], by=desk["head"])
    security_tally.attempt("authorisation", refused=open_task(request).owner_id is None)
    assert open_task(request).owner_id is None


def test_head_only_assignment_refused_through_the_assign_view(client, desk, security_tally):
    request = submit(_head_only(desk))
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    client.force_login(desk["head"])
    client.post(reverse("workflows_assign", args=[request.pk]), {"officer": desk["officer"].pk})
    refused = open_task(request).owner_id is None
    security_tally.attempt("authorisation", refused=refused)
    assert refused


def test_assign_form_offers_only_those_who_may_take_the_task(client, desk):
    request = submit(_head_only(desk))
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    client.force_login(desk["head"])
    response = client.get(request_page_url(refreshed(request)))
    offered = set(response.context["assign_form"].fields["officer"].queryset)
    assert desk["head"] in offered and desk["officer"] not in offered


def test_head_may_assign_a_head_only_stage_to_another_head(client, desk):
    second_head = member(desk["unit"], role=Role.HEAD)
    request = submit(_head_only(desk))
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    services.assign_task(refreshed(request), second_head, by=desk["head"])
    assert open_task(request).owner == second_head


def test_unit_that_acted_keeps_access_only_for_the_configured_period(client, desk, settings, security_tally):
    settings.DESK_FORMER_UNIT_ACCESS_DAYS = 30
    second = UnitFactory()
    member(second)
    guide = build_guide([(desk["unit"], [Outcome.FORWARD]), (second, FINAL)], intake_unit=desk["intake"])
    request = submit(guide)
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    act(client, desk["officer"], request, outcome=Outcome.FORWARD, comment="ارجاع")
    colleague = member(desk["unit"])  # never touched it, but the unit did
    assert can_view_request(colleague, request)
    TimelineEntry.objects.filter(request=request).update(at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    del colleague._desk_unit_ids
    refused = not can_view_request(colleague, request) and not can_view_request(desk["officer"], request)
    security_tally.attempt("authorisation", refused=refused)
    assert refused


def test_unit_a_request_only_passed_through_never_sees_it(client, desk, security_tally):
    """Routing alone is not acting: a unit whose stage was skipped by a referral sees nothing."""
    request = submit(desk["guide"])
    bystander = member(desk["other"])
    TimelineEntry.objects.create(request=request, action="stage_entered", unit=desk["other"], stage_index=0)
    refused = not can_view_request(bystander, request)
    security_tally.attempt("authorisation", refused=refused)
    assert refused


def test_transferred_officer_keeps_access_for_the_period_then_loses_it(client, desk, settings, security_tally):
    settings.DESK_FORMER_UNIT_ACCESS_DAYS = 30
    request = submit(desk["guide"])
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    act(client, desk["officer"], request, outcome=Outcome.APPROVE, comment="موافقت")
    UnitMembership.objects.filter(user=desk["officer"], unit=desk["unit"]).delete()
    officer = type(desk["officer"]).objects.get(pk=desk["officer"].pk)
    assert can_view_request(officer, request)
    settings.DESK_FORMER_UNIT_ACCESS_DAYS = 0
    refused = not can_view_request(officer, request)
    security_tally.attempt("authorisation", refused=refused)
    assert refused


def test_intake_desk_sees_what_it_registered_until_intake_ends(client, desk, security_tally):
    clerk = member(UnitFactory(), role=Role.CLERK)
    request = submit(desk["guide"], channel="counter", actor=clerk)
    assert refreshed(request).registered_by == clerk
    assert can_view_request(clerk, request)
    assert can_view_request(desk["intake_officer"], request)
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    for user in (clerk, type(clerk).objects.get(pk=desk["intake_officer"].pk)):
        refused = not can_view_request(user, refreshed(request))
        security_tally.attempt("authorisation", refused=refused)
        assert refused


def test_records_role_sees_the_archive_but_not_open_requests(client, desk, security_tally):
    ensure_groups()
    records = UserFactory()
    records.groups.add(Group.objects.get(name="Records"))
    open_request = submit(desk["guide"])
    closed = submit(desk["guide"])
    act(client, desk["intake_officer"], closed, result="complete", comment="کامل")
    act(client, desk["officer"], closed, outcome=Outcome.REJECT, comment="رد")
    assert can_view_request(records, refreshed(closed))
    refused = not can_view_request(records, open_request)
    security_tally.attempt("authorisation", refused=refused)
    assert refused


def test_flow_chart_of_a_request_needs_object_permission(client, desk, security_tally):
    request = submit(desk["guide"])
    outsider = member(desk["other"])
    client.force_login(outsider)
    response = client.get(RequestFlow.instance.reverse("process_chart", args=[request.process.pk]))
    security_tally.attempt("authorisation", refused=response.status_code == 403)
    assert response.status_code == 403
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_DENIED, actor=outsider).exists()


def test_task_url_with_another_requests_process_id_is_not_found(client, desk, security_tally):
    """Viewflow loaded the task by its own id and locked the URL's process: a mix is now a 404."""
    mine = submit(desk["guide"])
    theirs = submit(build_guide([(desk["other"], FINAL)], intake_unit=desk["intake"]))
    task = open_task(theirs)
    client.force_login(desk["intake_officer"])  # may see both
    url = task.flow_task.reverse("assign", args=[mine.process.pk, task.pk])
    response = client.post(url)
    security_tally.attempt("authorisation", refused=response.status_code == 404)
    assert response.status_code == 404
    assert open_task(theirs).owner_id is None


def test_archive_drops_requests_once_the_access_period_is_over(client, desk, settings, security_tally):
    from core.persian import to_persian_digits

    request = submit(desk["guide"])
    act(client, desk["intake_officer"], request, result="complete", comment="کامل")
    act(client, desk["officer"], request, outcome=Outcome.APPROVE, comment="موافقت")
    UnitMembership.objects.filter(user=desk["officer"], unit=desk["unit"]).delete()
    member(desk["other"], user=desk["officer"])
    client.force_login(desk["officer"])
    code = str(request)
    archive = RequestFlow.instance.reverse("archive")
    content = client.get(archive).content.decode()
    assert code in content or to_persian_digits(code) in content
    settings.DESK_FORMER_UNIT_ACCESS_DAYS = 0
    content = client.get(archive).content.decode()
    refused = code not in content and to_persian_digits(code) not in content
    security_tally.attempt("authorisation", refused=refused)
    assert refused
