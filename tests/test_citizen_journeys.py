"""Whole citizen journeys across the portal and the workflow, through HTML and through the API."""

import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from citizen_portal import receipts
from citizen_portal.models import SatisfactionSurvey
from citizen_portal.tests import workflow_driver as drive
from citizen_portal.tests.files import pdf_file, png_file
from core import signing
from tests.factories import applicant_post, staffed_guide
from workflows.enums import IntakeResult, RequestStatus
from workflows.models import ServiceRequest


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_html_journey_apply_receipt_track_documents_decision_survey_review():
    guide = staffed_guide()
    citizen = Client()
    # apply, with one mistake first: the files survive the re-render
    apply_url = reverse("citizen_portal:apply", args=[guide.service_code])
    files = {"document_national-card": pdf_file("card.pdf"), "document_ownership-deed": png_file("deed.png")}
    retry = citizen.post(apply_url, {**applicant_post(mobile="0912"), **files})
    assert retry.status_code == 400
    done = citizen.post(apply_url, {**applicant_post(), "staging_token": retry.context["form"].token})
    assert done.status_code == 302
    sr = ServiceRequest.objects.get()

    # receipt page and PDF; the PDF carries the code and verifies on the public page
    assert citizen.get(done["Location"]).status_code == 200
    pdf = citizen.get(reverse("citizen_portal:receipt_pdf", args=[sr.tracking_code])).content
    from pypdf import PdfReader

    assert sr.tracking_code in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    payload, signature = receipts.read_from_pdf(pdf)
    assert signing.verify(payload, signature)

    # a stranger tracks with code + national ID
    stranger = Client()
    found = stranger.post(
        "/track/", {"tracking_code": sr.tracking_code, "national_id": applicant_post()["national_id"]}
    )
    status_url = found["Location"]
    assert sr.guide.effective_intake_unit.name in stranger.get(status_url).content.decode()

    # intake asks for a corrected deed; the citizen uploads it from the status page
    sr = drive.intake(sr, result=IntakeResult.DOCUMENTS, keys=["ownership-deed"])
    assert stranger.post(status_url, {"document_ownership-deed": pdf_file("deed-2.pdf")}).status_code == 302
    sr.refresh_from_db()
    assert sr.status == RequestStatus.CHECKING_DOCUMENTS

    # officers move it through every stage and reject it
    sr = drive.intake(sr)
    sr = drive.decide(sr, "forward")
    sr = drive.decide(sr, "reject")
    assert sr.status == RequestStatus.REJECTED
    page = stranger.get(status_url).content.decode()
    assert reverse("citizen_portal:survey", args=[sr.tracking_code]) in page

    # the survey, once; the dissatisfied citizen asks for a review
    answers = dict.fromkeys(SatisfactionSurvey.AXES, 1)
    assert stranger.post(reverse("citizen_portal:survey", args=[sr.tracking_code]), answers).status_code == 302
    assert stranger.post(reverse("citizen_portal:survey", args=[sr.tracking_code]), answers).status_code == 302
    assert SatisfactionSurvey.objects.count() == 1
    stranger.post(reverse("citizen_portal:review", args=[sr.tracking_code]), {"reason": "دلیل رد روشن نیست"})
    sr.refresh_from_db()
    assert sr.status == RequestStatus.IN_REVIEW
    assert sr.current_officer == sr.current_unit.head


@pytest.mark.django_db
def test_api_journey_submit_lookup_receipt_verify():
    guide = staffed_guide()
    api = Client()
    body = {**applicant_post(), "consent": "true", "service": guide.service_code}
    created = api.post("/api/v1/requests/", {**body, "national-card": pdf_file(), "ownership-deed": png_file()})
    assert created.status_code == 201
    code = created.json()["tracking_code"]
    lookup = api.post(
        "/api/v1/requests/lookup/",
        {"tracking_code": code, "national_id": body["national_id"]},
        content_type="application/json",
    )
    assert lookup.status_code == 200
    assert lookup.json()["unit"] == guide.effective_intake_unit.name
    pdf = Client().get(created.json()["receipt_pdf_url"]).content
    verified = Client().post("/verify/", {"receipt_file": _upload(pdf)})
    assert verified.context["result"].matches_records


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("receipt.pdf", data, content_type="application/pdf")
