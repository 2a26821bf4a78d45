"""Choices of the notifications app: events, channels, statuses, and each event's placeholders."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Filled from the request for every request event.
REQUEST_PLACEHOLDERS = ("tracking_code", "service", "status")


class Event(models.TextChoices):
    REGISTERED = "registered", _("Request registered")
    DOCUMENTS_REQUESTED = "documents_requested", _("Documents requested")
    STAGE_CHANGED = "stage_changed", _("Stage changed")
    DECIDED = "decided", _("Decision made")
    CLOSED = "closed", _("Request closed")
    WITHDRAWN = "withdrawn", _("Request withdrawn")
    SURVEY_INVITATION = "survey_invitation", _("Survey invitation")
    LETTER_EVENT = "letter_event", _("Office-automation letter event")
    LETTER_OUTBOUND = "letter_outbound", _("Letter to the office-automation system")
    SUBSCRIPTION_CODE = "subscription_code", _("Subscription confirmation code")
    PROCEDURE_CHANGED = "procedure_changed", _("Procedure changed")

    @classmethod
    def placeholders(cls, event: str) -> tuple[str, ...]:
        """The names a template of this event may use; anything else is rejected on save."""
        extra = {
            cls.REGISTERED: (),
            cls.DOCUMENTS_REQUESTED: ("documents",),
            cls.STAGE_CHANGED: ("stage", "unit", "officer"),
            cls.DECIDED: ("decision",),
            cls.CLOSED: ("reason",),
            cls.WITHDRAWN: (),
            cls.SURVEY_INVITATION: ("link",),
            cls.LETTER_EVENT: ("letter_number", "letter_event", "unit", "officer"),
        }
        if event in extra:
            return REQUEST_PLACEHOLDERS + extra[event]
        if event == cls.SUBSCRIPTION_CODE:
            return ("service", "code")
        if event == cls.PROCEDURE_CHANGED:
            return ("service", "change_note", "documents_added", "documents_removed", "documents_changed", "link")
        return ()


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Office-automation letter")

    @classmethod
    def citizen_choices(cls) -> list[tuple[str, str]]:
        return [(cls.SMS.value, cls.SMS.label), (cls.EMAIL.value, cls.EMAIL.label)]


class RecipientKind(models.TextChoices):
    APPLICANT = "applicant", _("The request's applicant")
    SUBSCRIBER = "subscriber", _("A subscriber")
    SYSTEM = "system", _("An external system")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Failed for good")
    SKIPPED = "skipped", _("Skipped (no address or opted out)")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
