"""Inbound SMS from the gateway: the opt-out (11) and opt-in (12) keywords."""

import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import audit

from .subscriptions import handle_sms_keyword


class InboundSmsSerializer(serializers.Serializer):
    sender = serializers.CharField(max_length=20, help_text="The citizen's mobile, any Iranian format.")
    text = serializers.CharField(max_length=500)


class InboundSmsView(APIView):
    """The SMS gateway forwards replies here with the shared secret in X-Desk-Token."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="sms_inbound",
        summary="Inbound SMS (opt-out 11 / opt-in 12)",
        request=InboundSmsSerializer,
        parameters=[OpenApiParameter("X-Desk-Token", str, OpenApiParameter.HEADER, required=True)],
        responses={200: inline_serializer("InboundSmsResult", {"result": serializers.CharField()})},
        examples=[OpenApiExample("Opt out", value={"sender": "09120001234", "text": "۱۱"}, request_only=True)],
        tags=["sms"],
    )
    def post(self, request):
        expected = getattr(settings, "SMS_INBOUND_TOKEN", "")
        given = request.headers.get("X-Desk-Token", "")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            audit.record("permission_denied", request=request, reason="sms_inbound_token")
            return Response({"errors": {"__all__": ["Forbidden."]}}, status=status.HTTP_403_FORBIDDEN)
        serializer = InboundSmsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            result = handle_sms_keyword(serializer.validated_data["sender"], serializer.validated_data["text"])
        except ValidationError:
            return Response(
                {"errors": {"sender": ["Not an Iranian mobile number."]}}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response({"result": result or "ignored"})
