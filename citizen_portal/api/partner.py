"""Partner API: another agency's system submits and looks up requests for citizens.

Authenticated by the partner tokens of `correspondence` (scoped, throttled per token), and
validated by exactly the code the citizen API uses: the apply form through `submit_from_api`,
and `workflows.services.find_request` + `citizen_view` for the look-up.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from core import audit
from core.models import AuditEvent
from correspondence import letters
from correspondence.auth import ERROR, PartnerView, error_response
from correspondence.models import PartnerScope
from workflows import services

from .views import submit_from_api


class PartnerLookupSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(max_length=40, help_text="The request's tracking code.")
    national_id = serializers.CharField(max_length=20, help_text="The applicant's national ID (any digit script).")


class LookupView(PartnerView):
    """Status of one request, for a partner that knows both the tracking code and the national ID.

    A POST with a JSON body, so the national ID never appears in a URL (and so in no access log)."""

    required_scope = PartnerScope.LOOKUP
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="partner_request_lookup",
        summary="Look up a request",
        request=PartnerLookupSerializer,
        responses={
            200: inline_serializer(
                "PartnerRequestStatus",
                {
                    "tracking_code": serializers.CharField(),
                    "status": serializers.CharField(),
                    "status_display": serializers.CharField(),
                    "stage_title": serializers.CharField(),
                    "unit_name": serializers.CharField(),
                    "officer_name": serializers.CharField(),
                    "letter_number": serializers.CharField(),
                },
            ),
            400: OpenApiResponse(ERROR, description="Malformed body."),
            404: OpenApiResponse(ERROR, description="No request matches this tracking code and national ID."),
        },
        examples=[
            OpenApiExample(
                "Look-up",
                request_only=True,
                value={"tracking_code": "14040812345678", "national_id": "9990001006"},
            ),
        ],
        tags=["partner"],
    )
    def post(self, request):
        serializer = PartnerLookupSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"errors": serializer.errors}, status=status.HTTP_400_BAD_REQUEST)
        data = serializer.validated_data
        service_request = services.find_request(data["tracking_code"], data["national_id"])
        if service_request is None:
            return error_response("No request matches.", status.HTTP_404_NOT_FOUND)
        audit.record(
            AuditEvent.Kind.PERSONAL_DATA_READ, obj=service_request, request=request, partner_token=request.auth.pk
        )
        view = services.citizen_view(service_request)
        letter = letters.letter_for(service_request)
        return Response(
            {
                "tracking_code": view["tracking_code"],
                "status": view["status"],
                "status_display": str(view["status_display"]),
                "stage_title": str(view.get("stage_title") or ""),
                "unit_name": view.get("unit_name") or "",
                "officer_name": view.get("officer_name") or "",
                "letter_number": letter.number if letter else "",
            }
        )


class SubmitSerializer(serializers.Serializer):
    """The multipart body, for the schema; validation is the apply form's (see submit_from_api)."""

    service_code = serializers.RegexField(r"^\d{11}$")
    national_id = serializers.CharField(max_length=20)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    mobile = serializers.CharField(max_length=20)
    email = serializers.EmailField(required=False, allow_blank=True)


class SubmitView(PartnerView):
    """Register a request on a citizen's behalf; files are multipart fields named by document key.

    The partner's agreement with the agency stands for the citizen's consent to the terms."""

    required_scope = PartnerScope.SUBMIT
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="partner_request_submit",
        summary="Submit a request",
        request={"multipart/form-data": SubmitSerializer},
        responses={201: inline_serializer("PartnerSubmitted", {"tracking_code": serializers.CharField()}), 400: ERROR},
        tags=["partner"],
    )
    def post(self, request):
        result = submit_from_api(request, service_field="service_code", consent=True)
        if isinstance(result, Response):
            return result
        audit.record(
            AuditEvent.Kind.OTHER, obj=result, request=request, partner_token=request.auth.pk, action="partner_submit"
        )
        return Response({"tracking_code": result.tracking_code}, status=status.HTTP_201_CREATED)
