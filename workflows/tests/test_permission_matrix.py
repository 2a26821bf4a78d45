"""Every officer-side URL against every kind of visitor: nobody sees what they should not."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cms.enums import Outcome, Role
from core.persian import to_persian_digits
from tests.factories import FINAL, UnitFactory, UserFactory, build_guide, member, submit
from workflows.demo import ensure_groups
from workflows.flows import RequestFlow
from workflows.models import ServiceRequest

from .helpers import act, claim, open_task, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _world(module_db):
    """Built once for the module (see module_db in the root conftest); tests get fresh copies."""
    client = Client()
    intake, unit, other = UnitFactory(), UnitFactory(), UnitFactory()
    intake_officer = member(intake)
    officer = member(unit)
    head = member(unit, role=Role.HEAD)
    other_officer = member(other)
    other_head = member(other, role=Role.HEAD)
    clerk = member(UnitFactory(), role=Role.CLERK)  # a counter unit no routing plan uses
    ensure_groups()
    clerk.groups.add(Group.objects.get(name="Clerks"))
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name="Managers"))
    citizen = UserFactory()
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    open_request = submit(guide)
    act(client, intake_officer, open_request, result="complete", comment="کامل")
    decided = submit(guide)
    act(client, intake_officer, decided, result="complete", comment="کامل")
    act(client, officer, decided, outcome=Outcome.APPROVE, comment="موافقت")
    client.logout()
    return {
        "visitors": {
            "anonymous": None,
            "citizen": citizen.pk,
            "clerk": clerk.pk,
            "officer": officer.pk,
            "other_officer": other_officer.pk,
            "other_head": other_head.pk,
            "head": head.pk,
            "manager": manager.pk,
        },
        "open": open_request.pk,
        "decided": decided.pk,
    }


@pytest.fixture
def world(_world, db):
    users = get_user_model().objects.in_bulk([pk for pk in _world["visitors"].values() if pk])
    return {
        "visitors": {who: users.get(pk) for who, pk in _world["visitors"].items()},
        "open": ServiceRequest.objects.get(pk=_world["open"]),
        "decided": ServiceRequest.objects.get(pk=_world["decided"]),
    }


def _urls(world) -> dict[str, tuple[str, set[str]]]:
    """url name -> (url, visitors who may open it)."""
    app = RequestFlow.instance
    open_request, decided = world["open"], world["decided"]
    task = open_task(open_request)
    process = open_request.process
    staff = {"clerk", "officer", "other_officer", "other_head", "head", "manager"}
    readers = {"officer", "head", "manager"}
    return {
        "inbox": (app.reverse("inbox"), staff),
        "queue": (app.reverse("queue"), staff),
        "archive": (app.reverse("archive"), staff),
        "requests": (app.reverse("process_list"), staff),
        "detail_open": (app.reverse("process_detail", args=[process.pk]), readers),
        "detail_decided": (app.reverse("process_detail", args=[decided.process.pk]), readers),
        "task_detail": (task.flow_task.reverse("detail", args=[process.pk, task.pk]), readers),
        "task_claim": (task.flow_task.reverse("assign", args=[process.pk, task.pk]), {"officer", "head"}),
        "task_execute": (task.flow_task.reverse("execute", args=[process.pk, task.pk]), set()),
        "document": (
            reverse("workflows_document_download", args=[open_request.pk, open_request.documents.first().pk]),
            readers,
        ),
        "letter": (reverse("workflows_letter_download", args=[decided.pk]), readers),
    }


def test_permission_matrix_has_no_leaks(client, world):
    urls = _urls(world)
    leaks, refusals, cells = [], [], 0
    for who, user in world["visitors"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, (url, allowed) in urls.items():
            cells += 1
            response = client.get(url)
            status = response.status_code
            if getattr(response, "file_to_stream", None):  # close the file, not the DB connection
                response.file_to_stream.close()
            granted = status == 200
            if granted and who not in allowed:
                leaks.append((who, name, status))
            if who in allowed and not granted:
                refusals.append((who, name, status))
            if not granted:
                assert status in (302, 403, 404), (who, name, status)
    print(
        f"permission matrix: {len(world['visitors'])} visitors x {len(urls)} URLs = {cells} cells, leaks={len(leaks)}"
    )
    assert cells == GET_CELLS
    assert leaks == []
    assert refusals == []


GET_CELLS = 8 * 11


def _state(service_request) -> tuple:
    """What a refused POST must leave alone: FSM status, the task's owner and status, the timeline."""
    request = refreshed(service_request)
    task = open_task(request)
    return (
        request.status,
        task.owner_id if task else None,
        task.status if task else None,
        request.timeline.count(),
    )


def _post_actions(world) -> dict[str, tuple[str, dict, set[str], bool]]:
    """action -> (url, form data, visitors who may do it, whether the task is claimed by the officer first)."""
    open_request = world["open"]
    task = open_task(open_request)
    officer = world["visitors"]["officer"]
    return {
        "assign": (
            reverse("workflows_assign", args=[open_request.pk]),
            {"officer": officer.pk},
            {"head", "manager"},
            False,
        ),
        "cancel": (reverse("workflows_cancel", args=[open_request.pk]), {"reason": "لغو آزمایشی"}, {"manager"}, False),
        "task_unassign": (
            task.flow_task.reverse("unassign", args=[task.process_id, task.pk]),
            {},
            {"officer"},
            True,
        ),
    }


def test_post_actions_succeed_only_for_allowed_visitors_and_change_nothing_otherwise(client, world):
    """Every POST runs in a savepoint that is rolled back, so each visitor meets the same state."""
    actions = _post_actions(world)
    leaks, refusals, cells = [], [], 0
    for who, user in world["visitors"].items():
        for name, (url, data, allowed, claimed_first) in actions.items():
            cells += 1
            with transaction.atomic():
                if claimed_first:
                    claim(client, world["visitors"]["officer"], world["open"])
                client.logout()
                if user is not None:
                    client.force_login(user)
                before = _state(world["open"])
                response = client.post(url, data)
                after = _state(world["open"])
                transaction.set_rollback(True)
            assert response.status_code in (302, 403, 404), (who, name, response.status_code)
            changed = after != before
            if changed and who not in allowed:
                leaks.append((who, name, before, after))
            if who in allowed and (not changed or response.status_code != 302):
                refusals.append((who, name, response.status_code))
    total = GET_CELLS + cells
    print(
        f"permission matrix: POST {len(world['visitors'])} visitors x {len(actions)} actions = {cells} cells; total {total}"
    )
    assert cells == 8 * 3
    assert total == 112
    assert leaks == []
    assert refusals == []


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.get(RequestFlow.instance.reverse("process_detail", args=[world["open"].process.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_lists_show_only_requests_of_the_visitors_units(client, world):
    app = RequestFlow.instance
    code = str(world["open"])
    expectations = {
        ("officer", "queue"): True,
        ("head", "queue"): True,
        ("other_officer", "queue"): False,
        ("other_head", "queue"): False,
        ("manager", "queue"): False,
        ("officer", "process_list"): True,
        ("manager", "process_list"): True,
        ("other_officer", "process_list"): False,
        ("other_head", "process_list"): False,
    }
    for (who, view), visible in expectations.items():
        client.force_login(world["visitors"][who])
        content = client.get(app.reverse(view)).content.decode()
        # Lists show the code in Persian digits; a leak in either script counts.
        shown = code in content or to_persian_digits(code) in content
        assert shown is visible, (who, view)


def test_opening_a_request_records_a_personal_data_read(client, world):
    from core.models import AuditEvent

    client.force_login(world["visitors"]["officer"])
    client.get(RequestFlow.instance.reverse("process_detail", args=[world["open"].process.pk]))
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.PERSONAL_DATA_READ, actor=world["visitors"]["officer"], object_id=str(world["open"].pk)
    ).exists()


def test_refused_request_page_is_audited(client, world):
    from core.models import AuditEvent

    client.force_login(world["visitors"]["other_officer"])
    response = client.get(RequestFlow.instance.reverse("process_detail", args=[world["open"].process.pk]))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.PERMISSION_DENIED, actor=world["visitors"]["other_officer"]
    ).exists()
