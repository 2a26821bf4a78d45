"""POST /api/v1/requests/, POST /api/v1/requests/lookup/ and POST /api/v1/requests/withdraw/."""

from __future__ import annotations

from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status as http
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.models import ServiceGuidePage
from workflows import services
from workflows.enums import RequestChannel
from workflows.tracking import format_tracking_code

from .. import access, submission
from ..forms import DOCUMENT_PREFIX, ApplyForm
from ..throttles import LookupThrottle, SubmitThrottle
from ..tracking_lookup import GENERIC_ERROR, LookupResult, lookup
from ..uploads import total_limit_bytes
from ..views.guards import BODY_MARGIN
from . import serializers as s


def _errors(status: int, errors: dict) -> Response:
    return Response({"errors": errors}, status=status)


def _refused(result: LookupResult) -> Response:
    response = _errors(http.HTTP_429_TOO_MANY_REQUESTS, {"__all__": [result.refusal_message]})
    response["Retry-After"] = str(result.retry_after)
    return response


def _form_errors(form: ApplyForm) -> dict:
    """Form errors keyed as the API names fields: documents by their key, non-field errors as __all__."""
    out = {}
    for name, messages in form.errors.items():
        key = name[len(DOCUMENT_PREFIX) :] if name.startswith(DOCUMENT_PREFIX) else name
        out[key] = [str(m) for m in messages]
    return out


def submit_from_api(request, *, service_field: str, consent: bool):
    """The one API path to a submission (citizen and partner): the HTML page's ApplyForm, then
    citizen_portal.submission. Returns the new request, or the error Response to send."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > total_limit_bytes() + BODY_MARGIN:
        return _errors(http.HTTP_413_REQUEST_ENTITY_TOO_LARGE, {"__all__": [_("The request is too large.")]})
    code = str(request.data.get(service_field, ""))[:20]
    guide = ServiceGuidePage.objects.live().filter(service_code=code).first()
    if guide is None or not guide.accepts_online:
        return _errors(http.HTTP_400_BAD_REQUEST, {service_field: [_("No online service has this service ID.")]})
    data = {k: request.data.get(k, "") for k in ("national_id", "first_name", "last_name", "mobile", "email")}
    if consent:
        data["consent"] = True
    files = MultiValueDict()
    for name in request.FILES:
        files.setlist(DOCUMENT_PREFIX + name, request.FILES.getlist(name))
    form = ApplyForm(data, files, guide=guide, use_staging=False)
    if not form.is_valid():
        return _errors(http.HTTP_400_BAD_REQUEST, _form_errors(form))
    try:
        return submission.submit(form, channel=RequestChannel.API)
    except services.ServiceError as error:
        return _errors(http.HTTP_400_BAD_REQUEST, {"__all__": [error.message]})


class SubmitRequestView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [SubmitThrottle]

    @extend_schema(
        request={"multipart/form-data": s.SubmitRequestSerializer},
        responses={
            201: s.SubmitResponseSerializer,
            400: s.ErrorSerializer,
            404: s.ErrorSerializer,
            413: s.ErrorSerializer,
        },
        description="Apply for a service. Each required document is a file field named after the document's key.",
    )
    def post(self, request):
        consent = str(request.data.get("consent", "")).strip().lower() in {"1", "true", "yes", "on"}
        result = submit_from_api(request, service_field="service", consent=consent)
        if isinstance(result, Response):
            return result
        code = result.tracking_code
        token = access.receipt_token(code)
        receipt_path = reverse("citizen_portal:receipt", args=[code]) + f"?t={token}"
        pdf_path = reverse("citizen_portal:receipt_pdf", args=[code]) + f"?t={token}"
        return Response(
            {
                "tracking_code": code,
                "tracking_code_display": format_tracking_code(code),
                "receipt_url": request.build_absolute_uri(receipt_path),
                "receipt_pdf_url": request.build_absolute_uri(pdf_path),
            },
            status=http.HTTP_201_CREATED,
        )


class LookupView(APIView):
    parser_classes = [JSONParser]
    throttle_classes = [LookupThrottle]

    @extend_schema(
        request=s.LookupSerializer,
        responses={
            200: s.LookupResponseSerializer,
            400: s.ErrorSerializer,
            404: s.ErrorSerializer,
            429: s.ErrorSerializer,
        },
        description="Status of a request, given its tracking code and the applicant's national ID.",
    )
    def post(self, request):
        body = s.LookupSerializer(data=request.data if isinstance(request.data, dict) else {})
        if not body.is_valid():
            return _errors(http.HTTP_400_BAD_REQUEST, {k: [str(m) for m in v] for k, v in body.errors.items()})
        result = lookup(request, body.validated_data["tracking_code"], body.validated_data["national_id"])
        if result.refused:
            return _refused(result)
        if result.service_request is None:
            return _errors(http.HTTP_404_NOT_FOUND, {"__all__": [str(GENERIC_ERROR)]})
        view = services.citizen_view(result.service_request)
        return Response(
            {
                "tracking_code": view["tracking_code"],
                "service_code": view["service_code"],
                "service_title": view["service_title"],
                "status": view["status"],
                "status_display": str(view["status_display"]),
                "stage": view["stage_title"],
                "unit": view["unit_name"],
                "officer": view["officer_name"],
                "due_date": view["due_date"],
                "submitted_at": view["submitted_at"],
                "remaining_stages": view["remaining_stages"],
                "timeline": view["timeline"],
                "requested_documents": view["requested_documents"],
            }
        )


class WithdrawView(APIView):
    """The citizen withdraws; the same tracking code + national ID proof, throttle and lockout as the look-up."""

    parser_classes = [JSONParser]
    throttle_classes = [LookupThrottle]

    @extend_schema(
        request=s.WithdrawSerializer,
        responses={
            200: s.WithdrawResponseSerializer,
            400: s.ErrorSerializer,
            404: s.ErrorSerializer,
            409: s.ErrorSerializer,
            429: s.ErrorSerializer,
        },
        description="Withdraw a request that is still being handled, given its tracking code and the applicant's "
        "national ID. 409 when it is already decided, withdrawn or closed.",
    )
    def post(self, request):
        body = s.WithdrawSerializer(data=request.data if isinstance(request.data, dict) else {})
        if not body.is_valid():
            return _errors(http.HTTP_400_BAD_REQUEST, {k: [str(m) for m in v] for k, v in body.errors.items()})
        result = lookup(request, body.validated_data["tracking_code"], body.validated_data["national_id"])
        if result.refused:
            return _refused(result)
        if result.service_request is None:
            return _errors(http.HTTP_404_NOT_FOUND, {"__all__": [str(GENERIC_ERROR)]})
        service_request = result.service_request
        try:
            services.withdraw_request(service_request, reason=body.validated_data.get("reason", ""))
        except services.ServiceError as error:
            return _errors(http.HTTP_409_CONFLICT, {"__all__": [str(error.message)]})
        service_request.refresh_from_db()
        return Response(
            {
                "tracking_code": service_request.tracking_code,
                "status": service_request.status,
                "status_display": str(service_request.get_status_display()),
            }
        )
