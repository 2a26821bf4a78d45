"""Django admin: the outbox (read-only) and the dead-letter list with a resend action."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .delivery import resend
from .enums import MessageStatus
from .models import DeadLetter, OutboxMessage

READ_ONLY = [
    "created_at", "event", "channel", "recipient_kind", "service_request", "subscription", "subject", "body",
    "idempotency_key", "status", "attempts", "next_attempt_at", "last_error", "provider_ref", "sent_at",
]  # fmt: skip


class ReadOnlyOutboxAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "channel", "recipient_kind", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "channel", "event"]
    readonly_fields = READ_ONLY
    fields = READ_ONLY
    list_select_related = ["service_request"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyOutboxAdmin):
    pass


@admin.register(DeadLetter)
class DeadLetterAdmin(ReadOnlyOutboxAdmin):
    actions = ["resend_messages"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=MessageStatus.DEAD)

    @admin.action(description=_("Resend the selected messages"), permissions=["resend"])
    def resend_messages(self, request, queryset):
        count = resend(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request, ngettext("%d message queued again.", "%d messages queued again.", count) % count, messages.SUCCESS
        )

    def has_resend_permission(self, request) -> bool:
        return request.user.has_perm("notifications.view_outboxmessage") and request.user.has_perm(
            "notifications.change_outboxmessage"
        )
