"""Partner REST API under /api/v1/: the signed letter-event webhook, submit and look up requests."""

import json
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core import audit
from core.models import AuditEvent
from core.text import clean_person_name
from core.validators import normalize_mobile, normalize_national_id
from notifications.clock import now

from . import letters, signing
from .auth import HasScope, PartnerTokenAuthentication, PartnerTokenThrottle
from .models import LetterEventKind, PartnerScope, WebhookNonce

logger = logging.getLogger(__name__)

ERROR = inline_serializer("PartnerError", {"errors": serializers.DictField(child=serializers.ListField())})


def _error(message: str, code: int) -> Response:
    return Response({"errors": {"__all__": [message]}}, status=code)


class PartnerView(APIView):
    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [PartnerTokenThrottle]
    required_scope = ""


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=50, required=False, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)


class OfficerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    username = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="The officer's username at the desk; a referral to a known officer assigns the request to them.",
    )


class LetterEventSerializer(serializers.Serializer):
    event_id = serializers.CharField(
        max_length=100, help_text="Unique per event; a repeated id is acknowledged, not applied twice."
    )
    letter_number = serializers.CharField(max_length=60, help_text="The number your system returned for our letter.")
    kind = serializers.ChoiceField(choices=LetterEventKind.choices)
    occurred_at = serializers.DateTimeField()
    unit = UnitSerializer(required=False)
    officer = OfficerSerializer(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


SIGNED_HEADERS = [
    OpenApiParameter(
        signing.TIMESTAMP, str, OpenApiParameter.HEADER, required=True, description="Unix seconds; ±300 s."
    ),
    OpenApiParameter(
        signing.NONCE, str, OpenApiParameter.HEADER, required=True, description="Random, 8–100 chars, used once."
    ),
    OpenApiParameter(
        signing.SIGNATURE,
        str,
        OpenApiParameter.HEADER,
        required=True,
        description='"sha256=" + hex HMAC-SHA256(shared secret, timestamp + "." + nonce + "." + raw body).',
    ),
]


class LetterEventView(PartnerView):
    """The office-automation system reports what happened to one of our letters."""

    required_scope = PartnerScope.LETTER_EVENTS

    @extend_schema(
        operation_id="correspondence_letter_event",
        summary="Letter event webhook (signed)",
        parameters=SIGNED_HEADERS,
        request=LetterEventSerializer,
        responses={
            200: inline_serializer("LetterEventAck", {"status": serializers.ChoiceField(["applied", "duplicate"])}),
            400: OpenApiResponse(ERROR, description="Malformed body."),
            401: OpenApiResponse(ERROR, description="Missing/bad signature or timestamp outside the window."),
            404: OpenApiResponse(ERROR, description="No letter with that number."),
            409: OpenApiResponse(ERROR, description="Nonce already used (replay)."),
        },
        examples=[
            OpenApiExample(
                "Referred to a unit",
                request_only=True,
                value={
                    "event_id": "oa-2025-000123",
                    "letter_number": "1404/12345",
                    "kind": "referred",
                    "occurred_at": "2025-11-01T09:30:00+03:30",
                    "unit": {"code": "licensing", "name": "اداره صدور مجوز"},
                    "officer": {"name": "کارشناس نمونه"},
                    "note": "",
                },
            ),
            OpenApiExample("Applied", response_only=True, status_codes=["200"], value={"status": "applied"}),
        ],
        tags=["office automation"],
    )
    def post(self, request):
        body = request.body
        try:
            verified = signing.verify(request.headers, body)
        except signing.SignatureError as exc:
            self._refuse(request, str(exc))
            return _error("Signature check failed.", status.HTTP_401_UNAUTHORIZED)
        try:
            data = json.loads(body.decode())
        except (ValueError, UnicodeDecodeError):
            self._refuse(request, "body is not JSON")
            return _error("The body must be JSON.", status.HTTP_400_BAD_REQUEST)
        serializer = LetterEventSerializer(data=data)
        if not serializer.is_valid():
            self._refuse(request, "invalid payload")
            return Response({"errors": serializer.errors}, status=status.HTTP_400_BAD_REQUEST)
        event = serializer.validated_data
        try:
            with transaction.atomic():
                WebhookNonce.objects.filter(seen_at__lt=now() - 2 * _window()).delete()
                try:
                    with transaction.atomic():
                        WebhookNonce.objects.create(nonce=verified.nonce, seen_at=now())
                except IntegrityError:
                    raise _Replay
                _, created = letters.apply_event(
                    event_id=event["event_id"],
                    letter_number=event["letter_number"],
                    kind=event["kind"],
                    occurred_at=event["occurred_at"],
                    unit_code=event.get("unit", {}).get("code", ""),
                    unit_name=event.get("unit", {}).get("name", ""),
                    officer_name=event.get("officer", {}).get("name", ""),
                    officer_username=event.get("officer", {}).get("username", ""),
                    note=event.get("note", ""),
                )
        except _Replay:
            self._refuse(request, "nonce reused")
            return _error("This request was already received (replay).", status.HTTP_409_CONFLICT)
        except letters.UnknownLetter:
            self._refuse(request, "unknown letter")
            return _error("No letter has this number.", status.HTTP_404_NOT_FOUND)
        return Response({"status": "applied" if created else "duplicate"})

    @staticmethod
    def _refuse(request, reason: str) -> None:
        logger.warning("Letter event refused: %s", reason)
        audit.record(
            AuditEvent.Kind.PERMISSION_DENIED, request=request, channel="correspondence_webhook", reason=reason,
            partner_token=getattr(request.auth, "pk", None),
        )  # fmt: skip


class _Replay(Exception):
    pass


def _window():
    import datetime as dt

    return dt.timedelta(seconds=signing.replay_window())


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
        from workflows.services import citizen_view, find_request

        serializer = PartnerLookupSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"errors": serializer.errors}, status=status.HTTP_400_BAD_REQUEST)
        data = serializer.validated_data
        service_request = find_request(data["tracking_code"], data["national_id"])
        if service_request is None:
            return _error("No request matches.", status.HTTP_404_NOT_FOUND)
        audit.record(
            AuditEvent.Kind.PERSONAL_DATA_READ, obj=service_request, request=request, partner_token=request.auth.pk
        )
        view = citizen_view(service_request)
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
    service_code = serializers.RegexField(r"^\d{11}$")
    national_id = serializers.CharField(max_length=20)
    first_name = serializers.CharField(max_length=100, trim_whitespace=False)
    last_name = serializers.CharField(max_length=100, trim_whitespace=False)
    mobile = serializers.CharField(max_length=20)
    email = serializers.EmailField(required=False, allow_blank=True)

    def validate_national_id(self, value: str) -> str:
        try:
            return normalize_national_id(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages)

    def validate_mobile(self, value: str) -> str:
        try:
            return normalize_mobile(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages)

    def validate_first_name(self, value: str) -> str:
        return _clean_name(value)

    def validate_last_name(self, value: str) -> str:
        return _clean_name(value)


def _clean_name(value: str) -> str:
    """Same rules as the portal: letters only, no HTML, no bidi or control characters."""
    try:
        return clean_person_name(value)
    except ValidationError as exc:
        raise serializers.ValidationError(exc.messages)


class SubmitView(PartnerView):
    """Register a request on a citizen's behalf; files are multipart fields named by document key."""

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
        from cms.models import ServiceGuidePage
        from workflows.enums import RequestChannel
        from workflows.services import ApplicantData, ServiceError, submit_request

        from .uploads import check_files

        serializer = SubmitSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"errors": serializer.errors}, status=status.HTTP_400_BAD_REQUEST)
        data = serializer.validated_data
        guide = ServiceGuidePage.objects.live().filter(service_code=data["service_code"]).first()
        if guide is None or not guide.accepts_online:
            return Response({"errors": {"service_code": ["No online service has this ID."]}}, status=400)
        files, errors = check_files(guide, request.FILES)
        if errors:
            return Response({"errors": errors}, status=400)
        applicant = ApplicantData(
            national_id=data["national_id"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            mobile=data["mobile"],
            email=data.get("email", ""),
        )
        try:
            service_request = submit_request(guide=guide, applicant=applicant, files=files, channel=RequestChannel.API)
        except ServiceError as error:
            return _error(error.message, status.HTTP_400_BAD_REQUEST)
        audit.record(
            AuditEvent.Kind.OTHER,
            obj=service_request,
            request=request,
            partner_token=request.auth.pk,
            action="partner_submit",
        )
        return Response({"tracking_code": service_request.tracking_code}, status=status.HTTP_201_CREATED)
