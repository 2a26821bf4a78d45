"""Serializers for the OpenAPI schema and for the look-up body.

Submission itself is validated by the same ApplyForm the HTML page uses, so the two can never drift.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..text import clean_free_text
from ..views.track import WITHDRAW_REASON_MAX_LENGTH


class SubmitRequestSerializer(serializers.Serializer):
    """Multipart body of POST /api/v1/requests/; each document is a file field named after its key."""

    service = serializers.CharField(help_text=_("The 11-digit service ID."))
    national_id = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    mobile = serializers.CharField()
    email = serializers.EmailField(required=False, allow_blank=True)
    consent = serializers.BooleanField()


class SubmitResponseSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    tracking_code_display = serializers.CharField()
    receipt_url = serializers.URLField()
    receipt_pdf_url = serializers.URLField()


class LookupSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(max_length=40)
    national_id = serializers.CharField(max_length=40)


class WithdrawSerializer(LookupSerializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=WITHDRAW_REASON_MAX_LENGTH * 2,
        help_text=_("Optional: why the citizen withdraws."),
    )

    def validate_reason(self, value: str) -> str:
        try:
            return clean_free_text(value, max_length=WITHDRAW_REASON_MAX_LENGTH)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class WithdrawResponseSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField()


class StageSerializer(serializers.Serializer):
    title = serializers.CharField()
    unit_name = serializers.CharField()


class TimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    label = serializers.CharField()
    comment = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True, allow_null=True)


class LookupResponseSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    service_code = serializers.CharField()
    service_title = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField()
    stage = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True, allow_null=True)
    officer = serializers.CharField(allow_blank=True, allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    submitted_at = serializers.DateTimeField()
    remaining_stages = StageSerializer(many=True)
    timeline = TimelineItemSerializer(many=True)
    requested_documents = serializers.ListField(child=serializers.DictField())


class ErrorSerializer(serializers.Serializer):
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
