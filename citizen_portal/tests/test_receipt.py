"""The receipt page and PDF, their signature, and the public verification page."""

import io

from django.test import Client
from django.urls import reverse

from citizen_portal import receipts
from citizen_portal.access import receipt_token
from core import signing
from core.calendar import add_working_days
from workflows.tracking import format_tracking_code

from .helpers import apply_online


def _pdf(client, sr) -> bytes:
    response = client.get(reverse("citizen_portal:receipt_pdf", args=[sr.tracking_code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_receipt_page_shows_grouped_code_hashes_and_qr(client, guide):
    sr = apply_online(client, guide)
    html = client.get(reverse("citizen_portal:receipt", args=[sr.tracking_code])).content.decode()
    from core.persian import to_persian_digits

    assert to_persian_digits(format_tracking_code(sr.tracking_code)) in html
    for doc in sr.documents.all():
        assert doc.sha256 in html
    assert "data:image/svg+xml;base64," in html


def test_receipt_needs_the_submitting_session(client, guide):
    sr = apply_online(client, guide)
    stranger = Client()
    assert stranger.get(reverse("citizen_portal:receipt", args=[sr.tracking_code])).status_code == 403
    assert stranger.get(reverse("citizen_portal:receipt_pdf", args=[sr.tracking_code])).status_code == 403


def test_receipt_link_with_signed_token_opens_without_session(client, guide):
    sr = apply_online(client, guide)
    url = reverse("citizen_portal:receipt", args=[sr.tracking_code]) + "?t=" + receipt_token(sr.tracking_code)
    assert Client().get(url).status_code == 200
    assert Client().get(url[:-3] + "xyz").status_code == 403


def test_expected_date_is_the_guides_working_days_after_submission(client, guide):
    from django.utils import timezone

    sr = apply_online(client, guide)
    receipt = receipts.issue_receipt(sr)
    assert receipt.expected_date == add_working_days(timezone.localdate(sr.submitted_at), guide.expected_days)


def test_guide_without_expected_time_promises_the_due_date(client, guide):
    type(guide).objects.filter(pk=guide.pk).update(expected_days=0)
    sr = apply_online(client, guide)
    assert receipts.issue_receipt(sr).expected_date == sr.due_date


def test_receipt_pdf_text_contains_tracking_code(client, guide):
    from pypdf import PdfReader

    sr = apply_online(client, guide)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(_pdf(client, sr))).pages)
    assert sr.tracking_code in text


def test_receipt_pdf_embeds_a_payload_that_verifies(client, guide):
    sr = apply_online(client, guide)
    payload, signature = receipts.read_from_pdf(_pdf(client, sr))
    assert payload["tracking_code"] == sr.tracking_code
    assert signing.verify(payload, signature)
    assert {d["sha256"] for d in payload["documents"]} == set(sr.documents.values_list("sha256", flat=True))


def test_uploaded_receipt_pdf_verifies_on_public_page(client, guide):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sr = apply_online(client, guide)
    pdf = _pdf(client, sr)
    response = Client().post(reverse("citizen_portal:verify"), {"receipt_file": SimpleUploadedFile("r.pdf", pdf)})
    assert response.status_code == 200
    assert response.context["result"].genuine and response.context["result"].matches_records


def test_tampered_receipt_pdf_fails_verification(client, guide):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader, PdfWriter

    sr = apply_online(client, guide)
    payload, signature = receipts.read_from_pdf(_pdf(client, sr))
    payload["expected_date"] = "2099-01-01"  # the citizen "improves" the promised date
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(client, sr))))
    writer.add_metadata({receipts.PDF_PAYLOAD_KEY: signing.canonical_json(payload).decode()})
    out = io.BytesIO()
    writer.write(out)
    response = Client().post(
        reverse("citizen_portal:verify"), {"receipt_file": SimpleUploadedFile("r.pdf", out.getvalue())}
    )
    assert response.status_code == 400
    assert not response.context["result"].genuine


def test_qr_link_verifies_and_shows_what_was_signed(client, guide):
    sr = apply_online(client, guide)
    receipt = receipts.issue_receipt(sr)
    response = Client().get(reverse("citizen_portal:verify"), {"code": sr.tracking_code, "sig": receipt.signature})
    assert response.status_code == 200
    html = response.content.decode()
    assert sr.tracking_code in html and guide.service_code in html
    assert sr.applicant.last_name not in html  # only what was signed, no personal data


def test_qr_link_with_altered_signature_fails(client, guide):
    sr = apply_online(client, guide)
    sig = receipts.issue_receipt(sr).signature
    forged = ("A" if sig[0] != "A" else "B") + sig[1:]
    response = Client().get(reverse("citizen_portal:verify"), {"code": sr.tracking_code, "sig": forged})
    assert response.status_code == 400
    assert not response.context["result"].genuine


def test_changed_document_hash_in_database_breaks_verification(client, guide):
    sr = apply_online(client, guide)
    sig = receipts.issue_receipt(sr).signature
    sr.documents.filter(key="national-card").update(sha256="0" * 64)
    assert not receipts.verify_code_and_signature(sr.tracking_code, sig).genuine


def test_receipt_is_issued_once(client, guide):
    sr = apply_online(client, guide)
    assert receipts.issue_receipt(sr).pk == receipts.issue_receipt(sr).pk


def test_public_key_is_published(client, db):
    body = client.get(reverse("citizen_portal:public_key")).content.decode()
    assert body.startswith("-----BEGIN PUBLIC KEY-----")
