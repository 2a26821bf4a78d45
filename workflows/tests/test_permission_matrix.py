"""Every officer-side URL against every kind of visitor: nobody sees what they should not.

Visitors: anonymous, a citizen, the counter clerk who registered requests, the intake unit's officer,
the stage unit's officer and head, an officer transferred out of the stage unit after deciding a
request, another unit's officer and head, a records clerk and a manager. Besides the curated
table, every URL Viewflow generates under /workflow/ is enumerated from the resolver, so a URL a
Viewflow upgrade adds is checked without editing this file.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from viewflow.workflow.models import Task

from cms.enums import Outcome, Role
from cms.models import UnitMembership
from core.persian import to_persian_digits
from tests.factories import FINAL, UnitFactory, UserFactory, build_guide, member, submit
from workflows.demo import ensure_groups
from workflows.flows import RequestFlow
from workflows.models import ServiceRequest

from .helpers import act, claim, open_task, refreshed

pytestmark = [pytest.mark.django_db, pytest.mark.security]


@pytest.fixture(scope="module")
def _world(module_db):
    """Built once for the module (see module_db in the root conftest); tests get fresh copies."""
    client = Client()
    intake, unit, other = UnitFactory(), UnitFactory(), UnitFactory()
    intake_officer = member(intake)
    officer = member(unit)
    former_officer = member(unit)
    head = member(unit, role=Role.HEAD)
    other_officer = member(other)
    other_head = member(other, role=Role.HEAD)
    clerk = member(UnitFactory(), role=Role.CLERK)  # a counter unit no routing plan uses
    ensure_groups()
    clerk.groups.add(Group.objects.get(name="Clerks"))
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name="Managers"))
    records = UserFactory()
    records.groups.add(Group.objects.get(name="Records"))
    citizen = UserFactory()
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    # Registered at the counter by the clerk; intake is over, so the clerk no longer sees it.
    open_request = submit(guide, channel="counter", actor=clerk)
    act(client, intake_officer, open_request, result="complete", comment="کامل")
    decided = submit(guide)
    act(client, intake_officer, decided, result="complete", comment="کامل")
    act(client, former_officer, decided, outcome=Outcome.APPROVE, comment="موافقت")
    # ...then the deciding officer is transferred to the other unit (inside the access period).
    UnitMembership.objects.filter(user=former_officer, unit=unit).delete()
    member(other, user=former_officer)
    in_intake = submit(guide, channel="counter", actor=clerk)
    foreign = submit(build_guide([(other, FINAL)], intake_unit=intake))
    act(client, intake_officer, foreign, result="complete", comment="کامل")
    client.logout()
    return {
        "visitors": {
            "anonymous": None,
            "citizen": citizen.pk,
            "clerk": clerk.pk,
            "intake_officer": intake_officer.pk,
            "officer": officer.pk,
            "former_officer": former_officer.pk,
            "other_officer": other_officer.pk,
            "other_head": other_head.pk,
            "head": head.pk,
            "records": records.pk,
            "manager": manager.pk,
        },
        "open": open_request.pk,
        "decided": decided.pk,
        "in_intake": in_intake.pk,
        "foreign": foreign.pk,
    }


@pytest.fixture
def world(_world, db):
    users = get_user_model().objects.in_bulk([pk for pk in _world["visitors"].values() if pk])
    return {
        "visitors": {who: users.get(pk) for who, pk in _world["visitors"].items()},
        **{name: ServiceRequest.objects.get(pk=_world[name]) for name in ("open", "decided", "in_intake", "foreign")},
    }


STAFF = {
    "clerk",
    "intake_officer",
    "officer",
    "former_officer",
    "other_officer",
    "other_head",
    "head",
    "records",
    "manager",
}
# Who may read each request (and so every URL of its process): see workflows.permissions.visible_requests.
READERS = {
    "open": {"officer", "head", "manager"},
    "decided": {"officer", "head", "former_officer", "records", "manager"},
    "in_intake": {"clerk", "intake_officer", "manager"},
    "foreign": {"other_officer", "other_head", "former_officer", "manager"},
}


def _urls(world) -> dict[str, tuple[str, set[str]]]:
    """url name -> (url, visitors who may open it)."""
    app = RequestFlow.instance
    open_request, decided = world["open"], world["decided"]
    in_intake = world["in_intake"]
    task = open_task(open_request)
    intake_task = open_task(in_intake)
    process = open_request.process
    staff = STAFF
    readers = READERS["open"]
    return {
        "inbox": (app.reverse("inbox"), staff),
        "queue": (app.reverse("queue"), staff),
        "archive": (app.reverse("archive"), staff),
        "requests": (app.reverse("process_list"), staff),
        "detail_open": (app.reverse("process_detail", args=[process.pk]), readers),
        "detail_decided": (app.reverse("process_detail", args=[decided.process.pk]), READERS["decided"]),
        "detail_in_intake": (app.reverse("process_detail", args=[in_intake.process.pk]), READERS["in_intake"]),
        "chart_open": (app.reverse("process_chart", args=[process.pk]), readers),
        "task_detail": (task.flow_task.reverse("detail", args=[process.pk, task.pk]), readers),
        "task_claim": (task.flow_task.reverse("assign", args=[process.pk, task.pk]), {"officer", "head"}),
        "task_execute": (task.flow_task.reverse("execute", args=[process.pk, task.pk]), set()),
        "intake_claim": (
            intake_task.flow_task.reverse("assign", args=[in_intake.process.pk, intake_task.pk]),
            {"intake_officer"},
        ),
        "document": (
            reverse("workflows_document_download", args=[open_request.pk, open_request.documents.first().pk]),
            readers,
        ),
        "document_in_intake": (
            reverse("workflows_document_download", args=[in_intake.pk, in_intake.documents.first().pk]),
            READERS["in_intake"],
        ),
        "letter": (reverse("workflows_letter_download", args=[decided.pk]), READERS["decided"]),
    }


def test_permission_matrix_has_no_leaks(client, world, security_tally):
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
            security_tally.attempt("authorisation", refused=not granted, expected=who in allowed)
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


GET_CELLS = 11 * 15


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


def test_post_actions_succeed_only_for_allowed_visitors_and_change_nothing_otherwise(client, world, security_tally):
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
            security_tally.attempt(
                "authorisation", refused=not changed, expected=who in allowed, leaked=changed and who not in allowed
            )
            if changed and who not in allowed:
                leaks.append((who, name, before, after))
            if who in allowed and (not changed or response.status_code != 302):
                refusals.append((who, name, response.status_code))
    total = GET_CELLS + cells
    print(
        f"permission matrix: POST {len(world['visitors'])} visitors x {len(actions)} actions = {cells} cells; total {total}"
    )
    assert cells == 11 * 3
    assert total == GET_CELLS + 11 * 3
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


# --- every raw Viewflow URL, enumerated from the resolver ----------------------------------------

CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def _flow_routes() -> list[tuple[str, str]]:
    """(name, route) of every URL under /workflow/ that Viewflow's site generates."""
    found = []

    def walk(patterns, prefix: str, names: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    names + (f"{pattern.namespace}:" if pattern.namespace else ""),
                )
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith("workflow/") and not route.startswith("workflow/r/"):
                    found.append((names + (pattern.name or ""), route))

    walk(get_resolver().url_patterns, "", "")
    return found


def _node_of(route: str) -> str | None:
    match = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>/", route)
    return match.group(1) if match else None


def _task_for(process, node: str | None):
    """The task of `node` in `process` (or, where the fixtures never reach that node, any task of
    the process: the object check does not depend on the node)."""
    tasks = list(Task.objects.filter(process=process).order_by("pk"))
    return next((t for t in tasks if t.flow_task.name == node), tasks[0])


def _raw_cells(world) -> list[tuple[str, str, set[str], bool]]:
    """(label, url, visitors who may see it, whether it is a task action) for every route and request;
    labels of URLs that name a process carry "[…]"."""
    cells = []
    for name, route in _flow_routes():
        params = set(CONVERTER.findall(route))
        action = route.rstrip("/").rsplit("/", 1)[-1] in {"assign", "unassign", "execute", "undo", "revive", "cancel"}
        if not params:
            cells.append((name, "/" + route, STAFF, False))
            continue
        assert params <= {"process_pk", "task_pk"}, f"new URL parameter in {route}: extend this test"
        node = _node_of(route)
        # Process-level URLs for three requests; task URLs for the open one (the check is the same code).
        for which in ("open",) if "task_pk" in params else ("open", "decided", "in_intake"):
            process = world[which].process
            url = route.replace("<int:process_pk>", str(process.pk))
            if "task_pk" in params:
                url = url.replace("<int:task_pk>", str(_task_for(process, node).pk))
            cells.append((f"{name}[{which}]", "/" + url, READERS[which], action))
        if "task_pk" in params:
            # The process of a request the visitor may see, with the task of one they may not (and back):
            # refused for everyone, before Viewflow takes the lock on the URL's process.
            for shown, hidden in (("open", "foreign"),):
                url = route.replace("<int:process_pk>", str(world[shown].process.pk)).replace(
                    "<int:task_pk>", str(_task_for(world[hidden].process, node).pk)
                )
                cells.append((f"{name}[{shown}+task of {hidden}]", "/" + url, set(), action))
    return cells


def _refused(who: str, response) -> bool:
    """Refused: 403/404, or the login page for an anonymous visitor."""
    if response.status_code in (403, 404):
        return True
    return who == "anonymous" and response.status_code == 302 and "/accounts/login/" in response["Location"]


def _shown(response) -> bool:
    # The app's index pages answer everyone with a redirect to a list, which checks on its own.
    return response.status_code == 200


def test_every_raw_viewflow_url_checks_the_tasks_own_process(client, world, security_tally):
    cells = _raw_cells(world)
    routes = _flow_routes()
    assert len(routes) >= 60  # inbox, queue, archive, chart, process and every node's task URLs
    leaks = []
    for who, user in world["visitors"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for label, url, readers, _action in cells:
            response = client.get(url)
            security_tally.attempt("authorisation", refused=not _shown(response), expected=who in readers)
            if who not in readers and (_shown(response) or ("[" in label and not _refused(who, response))):
                leaks.append((who, label, response.status_code, response.get("Location")))
    print(
        f"raw Viewflow URLs: {len(routes)} routes, {len(world['visitors'])} visitors x {len(cells)} URLs = "
        f"{len(world['visitors']) * len(cells)} GET cells, leaks={len(leaks)}"
    )
    assert leaks == []


def _engine_state(service_request) -> tuple:
    request = refreshed(service_request)
    tasks = Task.objects.filter(process__requestprocess__request=request).order_by("pk")
    return (request.status, request.timeline.count(), *tasks.values_list("status", "owner_id"))


def test_raw_viewflow_post_actions_change_nothing_without_object_permission(client, world, security_tally):
    """POST to every task action URL (claim, unclaim, execute, undo, revive, cancel) of the open request
    and of the crossed ids: only the unit's officer and head may claim its review task."""
    cells = [c for c in _raw_cells(world) if c[3] and ("[open" in c[0] or "+task of" in c[0])]
    review = open_task(world["open"])
    claim_url = review.flow_task.reverse("assign", args=[review.process_id, review.pk])
    leaks, count = [], 0
    for who, user in world["visitors"].items():
        for label, url, readers, _action in cells:
            count += 1
            with transaction.atomic():
                client.logout()
                if user is not None:
                    client.force_login(user)
                before = (_engine_state(world["open"]), _engine_state(world["foreign"]))
                response = client.post(url, {})
                after = (_engine_state(world["open"]), _engine_state(world["foreign"]))
                transaction.set_rollback(True)
            changed = before != after
            allowed = url == claim_url and who in {"officer", "head"}
            security_tally.attempt(
                "authorisation", refused=not changed, expected=allowed, leaked=changed and not allowed
            )
            if changed and not allowed:
                leaks.append((who, label, response.status_code))
            if who not in readers:
                assert _refused(who, response), (who, label, response.status_code)
    print(
        f"raw Viewflow POST: {len(world['visitors'])} visitors x {len(cells)} actions = {count} cells, leaks={len(leaks)}"
    )
    assert leaks == []
