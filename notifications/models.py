"""The outbox (source of truth for what must be sent), editable message templates and subscriptions."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .enums import Channel, Event, MessageStatus, RecipientKind, SubscriptionStatus
from .rendering import unknown_placeholders


class MessageTemplate(models.Model):
    """The Persian text of one event on one channel; editors change it in Wagtail (snippet)."""

    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.citizen_choices())
    subject = models.CharField(_("subject (email)"), max_length=200, blank=True)
    body = models.TextField(
        _("text"),
        help_text=_("Placeholders in braces, e.g. {tracking_code}. Allowed placeholders depend on the event."),
    )
    informational = models.BooleanField(
        _("informational"), default=False, help_text=_("Informational SMS end with the opt-out keyword (لغو ۱۱).")
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("event"),
        FieldPanel("channel"),
        FieldPanel("subject"),
        FieldPanel("body"),
        FieldPanel("informational"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["event", "channel"]
        constraints = [models.UniqueConstraint(fields=["event", "channel"], name="unique_template_per_event_channel")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.get_channel_display()})"

    def clean(self) -> None:
        errors = {}
        for field in ("subject", "body"):
            try:
                unknown = unknown_placeholders(self.event, getattr(self, field))
            except ValueError:
                errors[field] = _("The text has an unmatched brace; write placeholders like {tracking_code}.")
                continue
            if unknown:
                errors[field] = _("Unknown placeholder(s): %(names)s. Allowed: %(allowed)s.") % {
                    "names": ", ".join(f"{{{name}}}" for name in unknown),
                    "allowed": ", ".join(f"{{{name}}}" for name in Event.placeholders(self.event)),
                }
        if errors:
            raise ValidationError(errors)


class Subscription(models.Model):
    """A citizen following one service guide by SMS or email (R4). Holds the contact it was given."""

    guide = models.ForeignKey(
        "cms.ServiceGuidePage", verbose_name=_("service"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    mobile = models.CharField(_("mobile"), max_length=11, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SubscriptionStatus.choices, default=SubscriptionStatus.PENDING
    )
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    token = models.CharField(max_length=43, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "mobile"], condition=~models.Q(mobile=""), name="unique_subscription_mobile"
            ),
            models.UniqueConstraint(
                fields=["guide", "email"], condition=~models.Q(email=""), name="unique_subscription_email"
            ),
            models.CheckConstraint(condition=~models.Q(mobile="", email=""), name="subscription_has_contact"),
        ]
        indexes = [models.Index(fields=["guide", "status"])]

    def __str__(self) -> str:
        return f"{_('Subscription')} #{self.pk}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def channel(self) -> str:
        return Channel.SMS if self.mobile else Channel.EMAIL


class SmsOptOut(models.Model):
    """A mobile that sent 11 (opt out of informational SMS). Keyed digest, not the number itself."""

    mobile_hash = models.CharField(max_length=64, unique=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SMS opt-out")
        verbose_name_plural = _("SMS opt-outs")

    def __str__(self) -> str:
        return f"{_('SMS opt-out')} #{self.pk}"


class OutboxMessage(models.Model):
    """One message to deliver. Created in the same transaction as the change it reports.

    The recipient's address is not stored: it is resolved at send time from the request's
    applicant or from the subscription, so personal data stays in one place.
    """

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient_kind = models.CharField(_("recipient"), max_length=12, choices=RecipientKind.choices)
    service_request = models.ForeignKey(
        "workflows.ServiceRequest",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    subscription = models.ForeignKey(
        Subscription, verbose_name=_("subscription"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    # Copied from the template actually used at enqueue (an editor's, else the built-in default):
    # informational SMS are not sent to numbers that opted out.
    informational = models.BooleanField(_("informational"), default=False)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    # The gateway sees this same key on every retry, so it can drop duplicates.
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    # Optional natural key against double enqueueing (e.g. one procedure change per subscription).
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    provider_ref = models.CharField(_("provider reference"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} #{self.pk}"


class DeadLetter(OutboxMessage):
    """Messages that failed for good, listed on their own in the admin (with a resend action)."""

    class Meta:
        proxy = True
        verbose_name = _("dead letter")
        verbose_name_plural = _("dead letters")
