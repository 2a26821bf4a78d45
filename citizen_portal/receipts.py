"""Service receipts: the signed payload, issuing, verifying, and the PDF with the payload embedded.

The signed payload holds only facts about the request (no personal data), so the public
verification page can show exactly what was signed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import signing
from core.calendar import add_working_days
from workflows.models import ServiceRequest
from workflows.tracking import normalize_tracking_code

from .models import Receipt

PAYLOAD_VERSION = 1
PDF_PAYLOAD_KEY = "/DeskReceiptPayload"
PDF_SIGNATURE_KEY = "/DeskReceiptSignature"
MAX_RECEIPT_PDF_BYTES = 5 * 1024 * 1024


def expected_completion(service_request: ServiceRequest) -> dt.date:
    """The date promised on the receipt: submission + the guide's expected working days.

    A guide without an expected time promises the request's (legal) due date instead.
    """
    days = service_request.guide.expected_days
    if days and days > 0:
        return add_working_days(timezone.localdate(service_request.submitted_at), days)
    return service_request.due_date or timezone.localdate(service_request.submitted_at)


def receipt_payload(service_request: ServiceRequest, expected_date: dt.date) -> dict:
    """The signed facts, recomputed from the database each time."""
    documents = service_request.documents.filter(requested_round=0).order_by("key", "pk")
    return {
        "v": PAYLOAD_VERSION,
        "tracking_code": service_request.tracking_code,
        "service_code": service_request.guide.service_code,
        "submitted_at": service_request.submitted_at.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "documents": [{"key": d.key, "sha256": d.sha256} for d in documents],
        "expected_date": expected_date.isoformat(),
    }


def issue_receipt(service_request: ServiceRequest) -> Receipt:
    """Create the receipt once (idempotent): the promised date is fixed at this moment."""
    existing = Receipt.objects.filter(service_request=service_request).first()
    if existing:
        return existing
    expected = expected_completion(service_request)
    payload = receipt_payload(service_request, expected)
    try:
        with transaction.atomic():
            return Receipt.objects.create(
                service_request=service_request,
                expected_date=expected,
                signature=signing.sign(payload),
                key_id=signing.key_id(),
            )
    except IntegrityError:  # issued concurrently, or the insert itself failed
        concurrent = Receipt.objects.filter(service_request=service_request).first()
        if concurrent is None:
            raise
        return concurrent


def verification_url(receipt: Receipt, request=None) -> str:
    """The absolute URL the receipt's QR code points to."""
    path = (
        reverse("citizen_portal:verify")
        + "?"
        + urlencode({"code": receipt.service_request.tracking_code, "sig": receipt.signature})
    )
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@dataclass
class Verification:
    """The outcome shown on the verification page."""

    genuine: bool
    message: str
    payload: dict | None = None
    service_request: ServiceRequest | None = None
    matches_records: bool = False
    problems: list[str] = field(default_factory=list)


def _lookup(tracking_code: str):
    code = normalize_tracking_code(tracking_code)
    if not code:
        return None, None
    sr = ServiceRequest.objects.select_related("guide", "receipt").filter(tracking_code=code).first()
    receipt = getattr(sr, "receipt", None) if sr else None
    return sr, receipt


def verify_code_and_signature(tracking_code: str, signature: str) -> Verification:
    """Recompute the payload from the database and check `signature` against it."""
    sr, receipt = _lookup(tracking_code)
    if sr is None or receipt is None:
        return Verification(False, _("No receipt matches this tracking code and signature."))
    payload = receipt_payload(sr, receipt.expected_date)
    if not signing.verify(payload, (signature or "")[:400]):
        return Verification(False, _("No receipt matches this tracking code and signature."))
    return Verification(
        True,
        _("This receipt is genuine and matches our records."),
        payload=payload,
        service_request=sr,
        matches_records=True,
    )


def verify_payload(payload: object, signature: str) -> Verification:
    """Check a payload carried by a receipt (e.g. inside its PDF): signature first, then our records."""
    if not isinstance(payload, dict) or not signing.verify(payload, signature):
        return Verification(
            False, _("The receipt's signature is not valid: it was not issued by us or it was altered.")
        )
    sr, receipt = _lookup(str(payload.get("tracking_code", "")))
    if sr is None or receipt is None:
        return Verification(
            True,
            _("The signature is valid, but the request is not in our records."),
            payload=payload,
            problems=[_("No request with this tracking code.")],
        )
    current = receipt_payload(sr, receipt.expected_date)
    problems = [
        _("The field '%(name)s' differs from our records.") % {"name": k}
        for k in current
        if current[k] != payload.get(k)
    ]
    if problems:
        return Verification(
            True, _("The signature is valid, but our records have changed since."), payload=payload, problems=problems
        )
    return Verification(
        True,
        _("This receipt is genuine and matches our records."),
        payload=payload,
        service_request=sr,
        matches_records=True,
    )


def embed_in_pdf(pdf: bytes, payload: dict, signature: str) -> bytes:
    """Put the signed payload and its signature into the PDF's document information."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(
        {
            PDF_PAYLOAD_KEY: signing.canonical_json(payload).decode("utf-8"),
            PDF_SIGNATURE_KEY: signature,
            "/Subject": "service receipt " + payload["tracking_code"],
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read_from_pdf(data: bytes) -> tuple[dict | None, str]:
    """(payload, signature) embedded by embed_in_pdf, or (None, "") if absent or unreadable."""
    from pypdf import PdfReader

    if not data.startswith(b"%PDF-") or len(data) > MAX_RECEIPT_PDF_BYTES:
        return None, ""
    try:
        metadata = PdfReader(io.BytesIO(data), strict=False).metadata or {}
        raw_payload = str(metadata.get(PDF_PAYLOAD_KEY, ""))
        signature = str(metadata.get(PDF_SIGNATURE_KEY, ""))
        payload = json.loads(raw_payload) if raw_payload else None
    except Exception:  # a hostile or broken PDF is just "not a receipt"
        return None, ""
    return (payload if isinstance(payload, dict) else None), signature


def render_receipt_pdf(service_request: ServiceRequest, request=None) -> bytes:
    """The receipt as PDF bytes (core.pdf) with the signed payload embedded."""
    from core.pdf import render_pdf

    context = receipt_context(service_request, request, for_pdf=True)
    pdf = render_pdf("citizen_portal/receipt_pdf.html", context)
    return embed_in_pdf(pdf, context["payload"], context["receipt"].signature)


def receipt_pdf_bytes(service_request: ServiceRequest, request=None) -> bytes:
    """The receipt PDF: rendered and stored (private storage) at the first download, the stored bytes after.

    A receipt is immutable once issued, so re-rendering (≈ 200 ms of WeasyPrint and signing) on every
    download bought nothing. Two first downloads at once both render; the first to record its file wins
    and the other's file is removed.
    """
    receipt = issue_receipt(service_request)
    if receipt.pdf:
        try:
            with receipt.pdf.open("rb") as stored:
                return stored.read()
        except FileNotFoundError:  # the file was lost: render it again below
            pass
    pdf = render_receipt_pdf(service_request, request)
    name = receipt.pdf.field.generate_filename(receipt, f"{uuid.uuid4().hex}.pdf")
    name = receipt.pdf.storage.save(name, ContentFile(pdf))
    claimed = Receipt.objects.filter(pk=receipt.pk, pdf=receipt.pdf.name or "").update(pdf=name)
    if not claimed:
        receipt.pdf.storage.delete(name)
        winner = Receipt.objects.get(pk=receipt.pk)
        if winner.pdf:
            with winner.pdf.open("rb") as stored:
                return stored.read()
    return pdf


def _document_rows(service_request: ServiceRequest) -> list[dict]:
    from cms.models import RequiredDocument

    documents = list(service_request.documents.filter(requested_round=0).order_by("key", "pk"))
    names = dict(RequiredDocument.objects.filter(key__in=[d.key for d in documents]).values_list("key", "name"))
    return [{"name": names.get(d.key, d.key), "original_name": d.original_name, "sha256": d.sha256} for d in documents]


def receipt_context(service_request: ServiceRequest, request=None, *, for_pdf: bool = False) -> dict:
    """Everything the receipt page and PDF show (the PDF's QR is a PNG: WeasyPrint draws an SVG slowly)."""
    from core.qr import qr_data_uri, qr_png_data_uri
    from workflows.tracking import format_tracking_code

    receipt = issue_receipt(service_request)
    payload = receipt_payload(service_request, receipt.expected_date)
    url = verification_url(receipt, request)
    return {
        "sr": service_request,
        "receipt": receipt,
        "payload": payload,
        "payload_json": signing.canonical_json(payload).decode("utf-8"),
        "documents": _document_rows(service_request),
        "tracking_display": format_tracking_code(service_request.tracking_code),
        "verify_url": url,
        "qr": qr_png_data_uri(url) if for_pdf else qr_data_uri(url),
        "key_id": receipt.key_id,
    }
