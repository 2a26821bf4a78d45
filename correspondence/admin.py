"""Django admin: letters (read-only, with their events) and partner tokens (issued once, shown once)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Letter, LetterEvent, PartnerToken


class LetterEventInline(admin.TabularInline):
    model = LetterEvent
    extra = 0
    can_delete = False
    readonly_fields = ["event_id", "kind", "occurred_at", "unit_name", "officer_name", "note", "received_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["number", "service_request", "status", "registered_at"]
    list_filter = ["status"]
    search_fields = ["number", "service_request__tracking_code"]
    readonly_fields = ["service_request", "number", "status", "created_at", "registered_at"]
    inlines = [LetterEventInline]

    def has_add_permission(self, request):
        return False


@admin.register(PartnerToken)
class PartnerTokenAdmin(admin.ModelAdmin):
    list_display = ["partner", "prefix", "scopes", "allowed_unit_codes", "rate", "is_active", "last_used_at"]
    # The webhook secret is never listed: it is shown once, when the token is issued.
    fields = ["partner", "scopes", "allowed_unit_codes", "rate", "is_active"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, plain = PartnerToken.issue(obj.partner, obj.scopes, obj.rate, obj.allowed_unit_codes)
        obj.pk = token.pk
        messages.warning(request, _("Copy the token now; it is not shown again: %(token)s") % {"token": plain})
        if token.webhook_secret:
            messages.warning(
                request,
                _("Copy the webhook secret now; it is not shown again: %(secret)s") % {"secret": token.webhook_secret},
            )
