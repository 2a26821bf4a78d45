"""The signed letter-event webhook of the office-automation system (/api/v1/correspondence/events/)."""

import json
import logging

from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from core import audit
from core.models import AuditEvent
from notifications.clock import now

from . import letters, signing
from .auth import ERROR, PartnerView, error_response
from .models import LetterEventKind, PartnerScope, WebhookNonce

logger = logging.getLogger(__name__)


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
        description='"sha256=" + hex HMAC-SHA256(your own webhook secret, timestamp + "." + nonce + "." + raw body).',
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
            # The Bearer token names the partner; its own secret, not a shared one, checks the signature.
            verified = signing.verify(request.headers, body, key=(request.auth.webhook_secret or "").encode())
        except signing.SignatureError as exc:
            self._refuse(request, str(exc))
            return error_response("Signature check failed.", status.HTTP_401_UNAUTHORIZED)
        try:
            data = json.loads(body.decode())
        except (ValueError, UnicodeDecodeError):
            self._refuse(request, "body is not JSON")
            return error_response("The body must be JSON.", status.HTTP_400_BAD_REQUEST)
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
                    partner=request.auth,
                )
        except _Replay:
            self._refuse(request, "nonce reused")
            return error_response("This request was already received (replay).", status.HTTP_409_CONFLICT)
        except letters.UnknownLetter:
            self._refuse(request, "unknown letter")
            return error_response("No letter has this number.", status.HTTP_404_NOT_FOUND)
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
