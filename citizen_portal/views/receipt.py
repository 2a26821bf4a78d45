"""The service receipt (page and PDF) and the public verification page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import signing
from workflows.models import ServiceRequest
from workflows.tracking import normalize_tracking_code

from .. import access, ratelimit, receipts
from .guards import body_size_limited, denials_limited, no_access


def _visible_request(request, tracking_code: str, token: str) -> ServiceRequest | None:
    """The request if this visitor may see it; None alike for "no such code" and "not yours"."""
    code = normalize_tracking_code(tracking_code)
    if not code or not access.may_ask(request, code, token=token):
        return None  # decided without touching the database, so timing tells nothing either
    service_request = ServiceRequest.objects.select_related("guide", "applicant").filter(tracking_code=code).first()
    if service_request is None or not access.can_see(request, service_request, token=token):
        return None
    return service_request


@denials_limited
def receipt(request, tracking_code: str):
    token = request.GET.get("t", "")
    service_request = _visible_request(request, tracking_code, token)
    if service_request is None:
        return no_access(request)
    context = receipts.receipt_context(service_request, request)
    context["token"] = token
    return render(request, "citizen_portal/receipt.html", context)


@denials_limited
def receipt_pdf(request, tracking_code: str):
    service_request = _visible_request(request, tracking_code, request.GET.get("t", ""))
    if service_request is None:
        return no_access(request)
    pdf = receipts.receipt_pdf_bytes(service_request, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{service_request.tracking_code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@body_size_limited
@require_http_methods(["GET", "POST"])
def verify(request):
    """Anyone checks a receipt: from its QR link, by code + signature, or by uploading the PDF."""
    result = None
    status = 200
    if request.method == "POST" or request.GET.get("code"):
        if not ratelimit.hit("verify", ratelimit.client_ip(request), limit=60, window_seconds=60):
            return render(
                request,
                "citizen_portal/verify.html",
                {"error": _("Too many attempts. Please try again later.")},
                status=429,
            )
    if request.method == "POST" and request.FILES.get("receipt_file"):
        upload = request.FILES["receipt_file"]
        data = upload.read(receipts.MAX_RECEIPT_PDF_BYTES + 1) if upload.size <= receipts.MAX_RECEIPT_PDF_BYTES else b""
        payload, signature = receipts.read_from_pdf(data)
        if payload is None:
            result = receipts.Verification(False, _("This file is not a receipt issued by the service desk."))
        else:
            result = receipts.verify_payload(payload, signature)
    elif request.method == "POST" or request.GET.get("code"):
        source = request.POST if request.method == "POST" else request.GET
        result = receipts.verify_code_and_signature(source.get("code", "")[:40], source.get("sig", "")[:400])
    if result is not None and not result.genuine:
        status = 400
    return render(
        request,
        "citizen_portal/verify.html",
        {"result": result, "key_id": signing.key_id()},
        status=status,
    )


def public_key(request):
    """The Ed25519 public key that verifies receipts, for anyone to download."""
    return HttpResponse(signing.public_key_pem(), content_type="text/plain; charset=utf-8")
