"""Every outcome path end to end through the officer views; FSM status and Viewflow agree."""

import pytest
from viewflow.workflow.status import PROCESS, STATUS

from cms.enums import Outcome, Role
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member, pdf_upload, submit
from workflows import services
from workflows.enums import RequestStatus
from workflows.models import TimelineEntry

from .helpers import act, engine_state, open_task, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    intake, first, final = UnitFactory(), UnitFactory(), UnitFactory()
    people = {
        "intake": member(intake),
        "first": member(first),
        "final": member(final),
        "manager": None,
    }
    guide = build_guide([(first, MIDDLE), (final, FINAL)], intake_unit=intake)
    return {"guide": guide, "units": (intake, first, final), **people}


def pass_intake(client, desk, request):
    act(client, desk["intake"], request, result="complete", comment="مدارک کامل است")


def test_new_request_waits_in_intake_queue_as_submitted(desk):
    request = submit(desk["guide"])
    assert request.status == RequestStatus.SUBMITTED
    assert request.current_unit == desk["units"][0]
    assert engine_state(request) == (PROCESS.NEW, [("start", STATUS.DONE), ("check_documents", STATUS.NEW)])


def test_claiming_intake_task_moves_to_checking_documents(client, desk):
    request = submit(desk["guide"])
    client.force_login(desk["intake"])
    from .helpers import claim

    claim(client, desk["intake"], request)
    request = refreshed(request)
    assert request.status == RequestStatus.CHECKING_DOCUMENTS
    assert request.current_officer == desk["intake"]
    assert open_task(request).status == STATUS.ASSIGNED


def test_forward_moves_request_to_next_stage_unit(client, desk):
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    request = refreshed(request)
    assert (request.status, request.stage_index, request.current_unit) == (RequestStatus.IN_REVIEW, 0, desk["units"][1])
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="بررسی شد")
    request = refreshed(request)
    assert (request.status, request.stage_index, request.current_unit) == (RequestStatus.IN_REVIEW, 1, desk["units"][2])
    assert open_task(request).flow_task.name == "review"
    assert open_task(request).status == STATUS.NEW


def test_return_sends_request_back_to_previous_stage(client, desk):
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="ok")
    act(client, desk["final"], request, outcome=Outcome.RETURN, comment="نیاز به بررسی دوباره")
    request = refreshed(request)
    assert (request.status, request.stage_index, request.current_unit) == (RequestStatus.IN_REVIEW, 0, desk["units"][1])
    assert TimelineEntry.objects.filter(request=request, action="return", comment="نیاز به بررسی دوباره").exists()


def test_approve_issues_letter_and_ends_process(client, desk):
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="ok")
    act(client, desk["final"], request, outcome=Outcome.APPROVE, comment="موافقت می‌شود")
    request = refreshed(request)
    assert request.status == RequestStatus.APPROVED
    assert request.decision_number and request.decision_letter.read(4) == b"%PDF"
    status, tasks = engine_state(request)
    assert status == PROCESS.DONE
    assert tasks[-2:] == [("issue_decision", STATUS.DONE), ("end", STATUS.DONE)]
    assert open_task(request) is None


def test_reject_issues_letter_and_ends_process(client, desk):
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="ok")
    act(client, desk["final"], request, outcome=Outcome.REJECT, comment="شرایط احراز نشد")
    request = refreshed(request)
    assert request.status == RequestStatus.REJECTED
    assert engine_state(request)[0] == PROCESS.DONE
    assert services.citizen_view(request)["decision_letter_available"] is True


def test_intake_documents_request_waits_for_citizen_then_returns_to_intake(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="documents", documents=["photo"], comment="عکس خوانا نیست")
    request = refreshed(request)
    assert request.status == RequestStatus.AWAITING_CITIZEN
    assert services.requested_document_keys(request) == ["photo"]
    assert engine_state(request)[1][-1] == ("wait_for_citizen", STATUS.NEW)
    services.provide_documents(request, {"photo": pdf_upload("new.pdf")})
    request = refreshed(request)
    assert request.status == RequestStatus.CHECKING_DOCUMENTS
    tasks = engine_state(request)[1]
    assert ("wait_for_citizen", STATUS.DONE) in tasks
    assert tasks[-1] == ("check_documents", STATUS.NEW)
    assert request.documents.filter(key="photo", requested_round=1).count() == 1


def test_stage_documents_request_resumes_at_same_stage(client, desk):
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    act(client, desk["first"], request, outcome=Outcome.DOCUMENTS, documents=["id-card"], comment="کارت ملی پشت و رو")
    assert refreshed(request).status == RequestStatus.AWAITING_CITIZEN
    services.provide_documents(request, {"id-card": pdf_upload()})
    request = refreshed(request)
    assert (request.status, request.stage_index, request.current_unit) == (RequestStatus.IN_REVIEW, 0, desk["units"][1])
    assert open_task(request).flow_task.name == "review"


def test_citizen_withdrawal_cancels_open_tasks(client, desk):
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    services.withdraw_request(request, reason="منصرف شدم")
    request = refreshed(request)
    assert request.status == RequestStatus.WITHDRAWN
    status, tasks = engine_state(request)
    assert status == PROCESS.CANCELED
    assert tasks[-1] == ("review", STATUS.CANCELED)


def test_withdrawal_while_waiting_for_citizen_cancels_the_wait(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="documents", documents=["photo"], comment="عکس")
    services.withdraw_request(refreshed(request))
    assert engine_state(request)[0] == PROCESS.CANCELED
    assert engine_state(request)[1][-1] == ("wait_for_citizen", STATUS.CANCELED)


def test_manager_cancels_with_reason(client, desk):
    from django.contrib.auth.models import Permission

    manager = member(UnitFactory(), role=Role.CLERK)
    manager.user_permissions.add(Permission.objects.get(codename="cancel_request"))
    manager.user_permissions.add(Permission.objects.get(codename="view_all_requests"))
    request = submit(desk["guide"])
    client.force_login(manager)
    from django.urls import reverse

    response = client.post(reverse("workflows_cancel", args=[request.pk]), {"reason": "درخواست تکراری"})
    assert response.status_code == 302
    request = refreshed(request)
    assert request.status == RequestStatus.CLOSED
    assert engine_state(request)[0] == PROCESS.CANCELED
    assert request.timeline.filter(action="cancelled", comment="درخواست تکراری", actor=manager).exists()


def test_every_transition_is_on_the_timeline_and_audited(client, desk):
    from core.models import AuditEvent

    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    actions = list(refreshed(request).timeline.values_list("action", flat=True))
    assert actions == ["submitted", "claimed", "documents_complete", "stage_entered"]
    assert AuditEvent.objects.filter(object_id=str(request.pk), object_type="workflows.servicerequest").count() >= 4


def test_stage_requiring_the_head_role_is_claimable_only_by_heads(client):
    from cms.models import RoutingStage

    from .helpers import claim

    intake, unit = UnitFactory(), UnitFactory()
    intake_officer, officer, head = member(intake), member(unit), member(unit, role=Role.HEAD)
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    RoutingStage.objects.filter(page=guide).update(role=Role.HEAD)
    request = submit(type(guide).objects.get(pk=guide.pk))
    act(client, intake_officer, request, result="complete", comment="ok")
    assert claim(client, officer, request).status_code == 403
    claim(client, head, request)
    assert open_task(request).owner == head


def test_front_desk_clerk_can_do_the_intake_check(client):
    intake, unit = UnitFactory(), UnitFactory()
    clerk = member(intake, role=Role.CLERK)
    member(unit)
    request = submit(build_guide([(unit, FINAL)], intake_unit=intake))
    act(client, clerk, request, result="complete", comment="مدارک کامل است")
    assert refreshed(request).status == RequestStatus.IN_REVIEW


def test_reopened_request_goes_back_to_the_head_of_the_last_stage(client, desk):
    head = member(desk["units"][2], role=Role.HEAD)
    request = submit(desk["guide"])
    pass_intake(client, desk, request)
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="ok")
    act(client, desk["final"], request, outcome=Outcome.REJECT, comment="رد")
    services.reopen_for_review(refreshed(request), reason="شهروند ناراضی بود")
    request = refreshed(request)
    assert (request.status, request.current_unit, request.current_officer) == (
        RequestStatus.IN_REVIEW,
        desk["units"][2],
        head,
    )
    task = open_task(request)
    assert (task.flow_task.name, task.status, task.owner) == ("review", STATUS.ASSIGNED, head)
    assert request.processes.count() == 2
