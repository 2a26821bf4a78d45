"""Refused actions: a clear translated message and the request unchanged."""

import pytest
from django.utils import translation
from viewflow.workflow.status import STATUS

from cms.enums import Outcome
from cms.models import OrganizationalUnit, RoutingStage
from tests.factories import FINAL, MIDDLE, UnitFactory, applicant_data, build_guide, member, pdf_upload, submit
from workflows import services
from workflows.enums import RequestStatus

from .helpers import act, claim, open_task, refreshed, task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    intake, first, final = UnitFactory(), UnitFactory(), UnitFactory()
    guide = build_guide([(first, MIDDLE), (final, FINAL)], intake_unit=intake)
    return {
        "guide": guide,
        "intake": member(intake),
        "first": member(first),
        "final": member(final),
        "final_unit": final,
    }


def test_decision_without_comment_is_refused_with_message(client, desk):
    request = submit(desk["guide"])
    response = act(client, desk["intake"], request, result="complete", comment="   ")
    assert response.status_code == 200
    assert "توضیح" in response.content.decode()  # the Persian "write a comment" message
    request = refreshed(request)
    assert request.status == RequestStatus.CHECKING_DOCUMENTS
    assert open_task(request).flow_task.name == "check_documents"
    assert not request.timeline.filter(action="documents_complete").exists()


def test_service_refuses_decision_without_comment(desk, client):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    with translation.override("fa"), pytest.raises(services.ServiceError) as error:
        services.decide(refreshed(request), outcome=Outcome.FORWARD, comment="", actor=desk["first"])
    assert error.value.message == "برای تصمیم خود توضیح بنویسید."
    assert refreshed(request).stage_index == 0


def test_acting_on_someone_elses_task_is_forbidden(client, desk):
    request = submit(desk["guide"])
    claim(client, desk["intake"], request)
    other = member(OrganizationalUnit.objects.get(pk=request.current_unit_id))
    client.force_login(other)
    response = client.post(task_url(request, "execute"), {"result": "complete", "comment": "x"})
    assert response.status_code == 403
    assert open_task(request).owner == desk["intake"]
    assert refreshed(request).status == RequestStatus.CHECKING_DOCUMENTS


def test_claiming_a_taken_task_explains_who_was_first(client, desk):
    request = submit(desk["guide"])
    claim(client, desk["intake"], request)
    second = member(OrganizationalUnit.objects.get(pk=request.current_unit_id))
    client.force_login(second)
    response = client.post(task_url(request, "assign"), follow=True)
    assert "درخواست را برداشته" in response.content.decode()
    assert open_task(request).owner == desk["intake"]


def test_approving_a_withdrawn_request_is_refused(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    services.withdraw_request(refreshed(request))
    with translation.override("fa"), pytest.raises(services.ServiceError) as error:
        services.decide(refreshed(request), outcome=Outcome.APPROVE, comment="ok", actor=desk["first"])
    assert "بررسی" in error.value.message
    assert refreshed(request).status == RequestStatus.WITHDRAWN


def test_withdrawing_twice_is_refused(desk):
    request = submit(desk["guide"])
    services.withdraw_request(request)
    with pytest.raises(services.ServiceError):
        services.withdraw_request(refreshed(request))
    assert refreshed(request).timeline.filter(action="withdrawn").count() == 1


def test_forward_to_a_stage_whose_unit_was_deleted_is_refused(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="ok")
    RoutingStage.objects.filter(unit=desk["final_unit"]).update(unit=None)
    desk["final_unit"].memberships.all().delete()
    OrganizationalUnit.objects.filter(pk=desk["final_unit"].pk).delete()
    with translation.override("fa"):
        response = act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="ارسال")
    assert response.status_code == 200
    assert "واحدی" in response.content.decode()
    request = refreshed(request)
    assert (request.status, request.stage_index) == (RequestStatus.IN_REVIEW, 0)
    assert open_task(request).status == STATUS.ASSIGNED


def test_submission_to_a_plan_with_a_deleted_unit_is_refused(desk):
    RoutingStage.objects.filter(unit=desk["final_unit"]).update(unit=None)
    guide = desk["guide"]
    with translation.override("fa"), pytest.raises(services.ServiceError) as error:
        submit(guide)
    assert "واحدی" in error.value.message
    assert not guide.service_requests.exists()


def test_manager_cancel_without_reason_is_refused(desk):
    from django.contrib.auth.models import Permission

    request = submit(desk["guide"])
    manager = member(UnitFactory())
    manager.user_permissions.add(Permission.objects.get(codename="cancel_request"))
    manager = type(manager).objects.get(pk=manager.pk)
    with pytest.raises(services.ServiceError):
        services.cancel_request(request, actor=manager, reason=" ")
    assert refreshed(request).status == RequestStatus.SUBMITTED


def test_failed_submission_leaves_no_files_behind(desk, settings):
    from pathlib import Path

    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    before = {p for p in private.rglob("*") if p.is_file()} if private.exists() else set()
    guide = desk["guide"]
    with pytest.raises(AttributeError):
        services.submit_request(
            guide=guide,
            applicant=applicant_data(),
            files={"id-card": pdf_upload(), "photo": object()},  # the second "file" breaks mid-way
            channel="online",
        )
    after = {p for p in private.rglob("*") if p.is_file()} if private.exists() else set()
    assert after == before
    assert not guide.service_requests.exists()
