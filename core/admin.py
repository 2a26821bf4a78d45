"""Django admin: holidays by Jalali date; the audit log is read-only there."""

from django.contrib import admin

from .forms import HolidayForm
from .models import AuditEvent, Holiday


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    form = HolidayForm
    list_display = ["jalali_date", "title"]
    search_fields = ["title"]
    ordering = ["date"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Append-only: staff may read and filter events but never add, change or delete them."""

    list_display = ["at", "kind", "actor", "object_type", "object_id", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["object_id", "object_type"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
