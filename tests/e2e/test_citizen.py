"""The citizen: find a service, read its guide, apply with uploads, get the receipt PDF, track,
upload a document the office asked for, and answer the satisfaction survey."""

from __future__ import annotations

import pytest

from core.validators import make_national_id

from .conftest import axe_scan, shoot
from .journey import attach_all_documents, fill_applicant, pdf_file, request_in_state, tracking_code_in

PERMIT = "13051010100"


def _track(page, code: str, national_id: str) -> None:
    page.goto("/track/")
    page.fill("#id_tracking_code", code)
    page.fill("#id_national_id", national_id)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
def test_citizen_finds_a_service_applies_and_gets_a_receipt_pdf(page, site, tmp_path):
    page.goto("/")
    page.fill("#q", "پروانه ساختمانی")
    page.press("#q", "Enter")
    page.wait_for_load_state("networkidle")
    shoot(page, "citizen-1-search")
    page.locator(f"main a[href$='/{PERMIT}/']").first.click()
    page.wait_for_load_state("networkidle")
    assert PERMIT in page.url
    shoot(page, "citizen-2-guide")

    page.click(f"a[href='/services/{PERMIT}/apply/']")
    national_id = make_national_id("123450001")
    fill_applicant(page, national_id, 1)
    assert attach_all_documents(page, tmp_path) > 0
    page.check("#id_consent")
    shoot(page, "citizen-3-apply")
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state("networkidle")
    code = tracking_code_in(page.inner_text("main"))
    assert code, page.inner_text("main")[:500]
    shoot(page, "citizen-4-receipt")
    assert axe_scan(page, "citizen-receipt") == []

    pdf_link = page.locator("a[href*='/pdf/']").first.get_attribute("href")
    pdf = page.request.get(pdf_link)
    assert pdf.status == 200 and pdf.headers["content-type"].startswith("application/pdf")
    assert pdf.body().startswith(b"%PDF")

    _track(page, code, national_id)
    assert "/track/" in page.url and code in page.url.replace("-", "")
    shoot(page, "citizen-5-status")
    assert axe_scan(page, "citizen-status") == []


@pytest.mark.e2e
def test_citizen_uploads_the_document_the_office_asked_for(page, site, tmp_path):
    code, national_id = request_in_state(site, "awaiting_intake")
    _track(page, code, national_id)
    inputs = page.locator("main input[type=file]")
    assert inputs.count() > 0, page.inner_text("main")[:800]
    for i in range(inputs.count()):
        inputs.nth(i).set_input_files(pdf_file(tmp_path, f"asked-{i}"))
    shoot(page, "citizen-6-upload-asked")
    inputs.first.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    status = site.shell(
        f"from workflows.models import ServiceRequest as R; print(R.objects.get(tracking_code='{code}').status)"
    )
    assert status != "awaiting_citizen"


@pytest.mark.e2e
def test_citizen_answers_the_satisfaction_survey(page, site):
    code, national_id = request_in_state(site, "approved")
    _track(page, code, national_id)
    page.click(f"a[href$='/track/{code}/survey/']")
    page.wait_for_load_state("networkidle")
    for fieldset in page.locator("fieldset.stars").all():
        fieldset.locator("input[type=radio]").last.check()
    shoot(page, "citizen-7-survey")
    assert axe_scan(page, "citizen-survey") == []
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    recorded = site.shell(
        "from citizen_portal.models import SatisfactionSurvey as S; "
        f"print(S.objects.filter(service_request__tracking_code='{code}').count())"
    )
    assert recorded == "1"
