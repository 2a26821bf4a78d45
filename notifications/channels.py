"""How each outbox channel is delivered. Other apps register theirs (the letter connector does).

A handler receives the claimed OutboxMessage and returns the provider's reference, raises
backends.DeliveryError (retry or not), or raises Skip when there is nobody to send to.
"""

import hashlib
import hmac
import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage

from core.sms import get_backend, mask_mobile
from core.validators import normalize_mobile

from .backends import DeliveryError
from .defaults import DEFAULT_TEMPLATES
from .enums import Channel, Event, RecipientKind, SubscriptionStatus

logger = logging.getLogger(__name__)

Handler = Callable[["OutboxMessage"], str]  # noqa: F821
_registry: dict[str, Handler] = {}


class Skip(Exception):
    """Nothing to send (no address, unsubscribed, opted out); the row is closed as skipped."""


def register(channel: str, handler: Handler) -> None:
    _registry[channel] = handler


def handler_for(channel: str) -> Handler:
    try:
        return _registry[channel]
    except KeyError:
        raise DeliveryError(f"no handler for channel {channel}", retryable=False)


def mobile_digest(mobile: str) -> str:
    """Keyed digest of a normalised mobile, for the opt-out list (the number itself is not kept)."""
    return hmac.new(settings.SECRET_KEY.encode(), normalize_mobile(mobile).encode(), hashlib.sha256).hexdigest()


def _is_informational(message) -> bool:
    from .models import MessageTemplate

    template = MessageTemplate.objects.filter(event=message.event, channel=message.channel).first()
    if template is not None:
        return template.informational
    return DEFAULT_TEMPLATES.get((message.event, message.channel), ("", "", False))[2]


def _address(message, channel: str) -> str:
    if message.recipient_kind == RecipientKind.SUBSCRIBER:
        subscription = message.subscription
        if subscription is None:
            raise Skip("subscription deleted")
        if message.event != Event.SUBSCRIPTION_CODE and subscription.status != SubscriptionStatus.CONFIRMED:
            raise Skip("not subscribed")
        return subscription.mobile if channel == Channel.SMS else subscription.email
    if message.service_request_id is None:
        raise Skip("no recipient")
    applicant = message.service_request.applicant
    return applicant.mobile if channel == Channel.SMS else applicant.email


def deliver_sms(message) -> str:
    from .models import SmsOptOut

    try:
        mobile = normalize_mobile(_address(message, Channel.SMS))
    except ValidationError:
        raise Skip("no valid mobile")
    if _is_informational(message) and SmsOptOut.objects.filter(mobile_hash=mobile_digest(mobile)).exists():
        raise Skip("opted out")
    backend = get_backend()
    key = str(message.idempotency_key)
    logger.info("Sending outbox SMS %s to %s", message.pk, mask_mobile(mobile))
    if getattr(backend, "supports_idempotency_key", False):
        return backend.send(mobile, message.body, idempotency_key=key)
    return backend.send(mobile, message.body)


def deliver_email(message) -> str:
    address = _address(message, Channel.EMAIL)
    if not address:
        raise Skip("no email")
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        to=[address],
        headers={"X-Idempotency-Key": str(message.idempotency_key)},
    )
    try:
        email.send(fail_silently=False)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
        raise DeliveryError(f"mail refused: {type(exc).__name__}", retryable=False)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"mail server error: {type(exc).__name__}")
    return str(message.idempotency_key)


register(Channel.SMS, deliver_sms)
register(Channel.EMAIL, deliver_email)
