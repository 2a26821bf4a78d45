"""Shared tables: the append-only audit log and the official-holiday calendar."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import format_jalali


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes, so the audit log cannot be rewritten through the ORM either."""

    def update(self, **kwargs):
        raise ValueError("Audit events are append-only.")

    def delete(self):
        raise ValueError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One security-relevant event. Rows are only ever inserted (see core.audit.record)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Kind(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logout")
        LOCKOUT = "lockout", _("Sign-in locked out")
        MFA_ENROLLED = "mfa_enrolled", _("Second factor enrolled")
        MFA_VERIFIED = "mfa_verified", _("Second factor verified")
        MFA_FAILED = "mfa_failed", _("Second factor refused")
        PERMISSION_DENIED = "permission_denied", _("Permission refused")
        PERSONAL_DATA_READ = "personal_data_read", _("Personal data read")
        STATE_CHANGE = "state_change", _("State change")
        DECISION = "decision", _("Decision")
        DOCUMENT_DOWNLOAD = "document_download", _("Document download")
        OTHER = "other", _("Other")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_type} {self.object_id}".strip()

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class Holiday(models.Model):
    """An official holiday (Gregorian date stored; shown in Jalali). Edited in the admin."""

    date = models.DateField(_("date"), unique=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("official holiday")
        verbose_name_plural = _("official holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.jalali_date()} {self.title}"

    @admin.display(description=_("date (Jalali)"), ordering="date")
    def jalali_date(self) -> str:
        """The date as editors think of it: 1405/01/01, in Persian digits unless the page is in English."""
        return format_jalali(self.date)
