"""Staff journeys: the desk clerk registers a walk-in request; the officer claims and decides;
the editor changes a guide, sends it for review, it is published and its subscribers are told."""

from __future__ import annotations

import pytest

from core.validators import make_national_id

from .conftest import axe_scan, login, pass_second_factor, shoot
from .journey import attach_all_documents, fill_applicant, tracking_code_in

PERMIT = "13051010100"


@pytest.mark.e2e
def test_clerk_registers_a_walk_in_request_at_the_counter(page, site, tmp_path):
    login(page, "clerk", next_path="/counter/")
    page.goto("/counter/")
    shoot(page, "clerk-1-services")
    page.click(f"a[href='/counter/{PERMIT}/']")
    page.wait_for_load_state("networkidle")
    national_id = make_national_id("223450002")
    fill_applicant(page, national_id, 2)
    attach_all_documents(page, tmp_path)
    if page.locator("#id_consent").count():
        page.check("#id_consent")
    shoot(page, "clerk-2-register")
    assert axe_scan(page, "clerk-register") == []
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state("networkidle")
    code = tracking_code_in(page.inner_text("main"))
    assert code, page.inner_text("main")[:600]
    shoot(page, "clerk-3-receipt")
    channel = site.shell(
        f"from workflows.models import ServiceRequest as R; print(R.objects.get(tracking_code='{code}').channel)"
    )
    assert channel == "counter"


def _wagtail_login(browser, site, username: str):
    from .conftest import DESKTOP, PASSWORD, _watch_csp

    context = browser.new_context(viewport=DESKTOP, locale="fa-IR", base_url=site.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    _watch_csp(context, page)
    page.goto("/cms-admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit], form button[type=submit]")
    page.wait_for_load_state("networkidle")
    pass_second_factor(page)
    return context, page


@pytest.mark.e2e
def test_editor_change_is_reviewed_published_and_subscribers_are_notified(browser, site):
    guide_id = site.shell(
        "from cms.models import ServiceGuidePage as G; from notifications.subscriptions import subscribe; "
        "from notifications.models import Subscription as S; "
        "g = G.objects.get(service_code='13051010200'); s = subscribe(g, mobile='09120009999'); "
        "S.objects.filter(pk=s.pk).update(status='confirmed'); print(g.pk)"
    )
    editor_context, editor = _wagtail_login(browser, site, "editor")
    editor.goto(f"/cms-admin/pages/{guide_id}/edit/")
    editor.wait_for_load_state("networkidle")
    editor.fill("[name=summary]", "خلاصهٔ تازهٔ خدمت تمدید پروانه، برای آزمون مرورگر.")
    editor.fill("[name=change_note]", "مدارک لازم به‌روز شد.")
    editor.check("[name=notify_subscribers]")
    shoot(editor, "editor-1-edit-guide")
    editor.get_by_role("button", name="اعمال بیشتر").click()
    editor.click("button[name=action-submit]")
    editor.wait_for_load_state("networkidle")
    in_moderation = site.shell(
        f"from wagtail.models import Page; print(Page.objects.get(pk={guide_id}).workflow_in_progress)"
    )
    assert in_moderation == "True"
    editor_context.close()

    reviewer_context, reviewer = _wagtail_login(browser, site, "reviewer")
    reviewer.goto(f"/cms-admin/pages/{guide_id}/edit/")
    reviewer.wait_for_load_state("networkidle")
    shoot(reviewer, "editor-2-review")
    reviewer.get_by_role("button", name="اعمال بیشتر").click()
    reviewer.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    reviewer.wait_for_load_state("networkidle")
    reviewer_context.close()
    live_summary = site.shell(
        f"from cms.models import ServiceGuidePage as G; print(G.objects.get(pk={guide_id}).summary)"
    )
    assert "آزمون مرورگر" in live_summary

    site.manage("db_worker", "--batch", "--no-startup-delay")
    notified = site.shell(
        "from notifications.models import OutboxMessage as M; "
        "print(M.objects.filter(event='procedure_changed').count())"
    )
    assert int(notified) >= 1


def _claim_and_open(page, task_path: str) -> None:
    """Open a task from the queue, claim it ("assign and continue") and land on its form."""
    page.goto(task_path)
    page.wait_for_load_state("networkidle")
    if "/assign/" in page.url:
        page.click("button[name=_continue]")
        page.wait_for_url(lambda url: "/assign/" not in url, timeout=20_000)
        page.wait_for_load_state("networkidle")


def _open_task_path(site, code: str) -> str:
    return site.shell(
        "from viewflow.workflow.models import Task; "
        f"t = Task.objects.filter(process__requestprocess__request__tracking_code='{code}', flow_task_type='HUMAN', "
        "status__in=['NEW', 'ASSIGNED']).order_by('-pk').first(); "
        "print(f'/workflow/request/{t.process_id}/{t.flow_task.name}/{t.pk}/')"
    )


@pytest.mark.e2e
def test_officer_claims_checks_and_decides_a_request(page, site):
    # Arrange: cms.demo's front desk has only a clerk, so no one may take intake tasks; officer1
    # (permits) is given the intake role too. The request is one whose first stage is permits.
    code = site.shell(
        "from cms.models import OrganizationalUnit as U, UnitMembership as M; from cms.enums import Role; "
        "from django.contrib.auth.models import User; from workflows.permissions import sync_unit_permissions; "
        "from workflows.models import ServiceRequest as R; "
        "desk = R.objects.filter(status='submitted').first().guide.effective_intake_unit; "
        "M.objects.get_or_create(unit=desk, user=User.objects.get(username='officer1'), defaults={'role': Role.OFFICER}); "
        "sync_unit_permissions(desk); "
        "permits = U.objects.get(code='permits'); "
        "r = next(r for r in R.objects.filter(status='submitted').order_by('pk') "
        "if r.routing_snapshot and r.routing_snapshot[0].get('unit_id') == permits.pk); print(r.tracking_code)"
    )
    login(page, "officer1")
    page.goto("/workflow/request/queue/")
    page.wait_for_load_state("networkidle")
    shoot(page, "officer-1-queue")

    _claim_and_open(page, _open_task_path(site, code))
    shoot(page, "officer-2-check-documents")
    page.check("input[name=result][value=complete]")
    page.fill("#id_comment", "مدارک کامل است.")
    page.click("button.desk-btn[type=submit]")
    page.wait_for_url(lambda url: "/execute/" not in url, timeout=20_000)
    status = site.shell(
        f"from workflows.models import ServiceRequest as R; print(R.objects.get(tracking_code='{code}').status)"
    )
    assert status == "in_review"

    _claim_and_open(page, _open_task_path(site, code))
    shoot(page, "officer-3-review")
    outcomes = [r.get_attribute("value") for r in page.locator("form input[type=radio]").all()]
    choice = "approve" if "approve" in outcomes else "forward"
    page.check(f"form input[type=radio][value={choice}]")
    page.fill("#id_comment", "بررسی شد.")
    page.click("button.desk-btn[type=submit]")
    page.wait_for_url(lambda url: "/execute/" not in url, timeout=20_000)
    after = site.shell(
        f"from workflows.models import ServiceRequest as R; r = R.objects.get(tracking_code='{code}'); "
        "print(r.status, r.stage_index)"
    )
    assert after.split() in (["approved", "0"], ["in_review", "1"])
