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

from core.digests import MOBILE, digest_candidates, keyed_digest, register_rekeyer
from core.sms import get_backend, mask_mobile
from core.validators import normalize_mobile

from .backends import DeliveryError
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
    return keyed_digest(MOBILE, normalize_mobile(mobile))


def mobile_digests(mobile: str) -> list[str]:
    """Every digest an opt-out of this number may be stored under (two while DESK_LOOKUP_KEY rotates)."""
    return digest_candidates(MOBILE, normalize_mobile(mobile))


def has_opted_out(mobile: str) -> bool:
    """Whether this number sent the opt-out keyword."""
    from .models import SmsOptOut

    return SmsOptOut.objects.filter(mobile_hash__in=mobile_digests(mobile)).exists()


def _legacy_mobile_digest(mobile: str) -> str:
    # Upgrade path only: before core.digests, opt-outs were keyed with SECRET_KEY and no purpose.
    # Remove once every installation has run `rekey_lookups` after that upgrade.
    return hmac.new(settings.SECRET_KEY.encode(), mobile.encode(), hashlib.sha256).hexdigest()


def rekey_opt_outs() -> int:
    """Rewrite opt-out digests under the current key. The numbers themselves are not kept, so each
    opt-out is matched against the numbers the desk knows (applicants, subscribers); one whose
    number is unknown cannot be re-keyed and stops matching once DESK_LOOKUP_KEY_PREVIOUS is removed."""
    from workflows.models import Applicant

    from .models import SmsOptOut, Subscription

    stored = set(SmsOptOut.objects.values_list("mobile_hash", flat=True))
    if not stored:
        return 0
    numbers = set(Applicant.objects.values_list("mobile", flat=True).distinct().iterator())
    numbers |= set(Subscription.objects.exclude(mobile="").values_list("mobile", flat=True).distinct().iterator())
    changed = 0
    for raw in numbers:
        try:
            mobile = normalize_mobile(raw)
        except ValidationError:
            continue
        current, *previous = digest_candidates(MOBILE, mobile)
        old = [digest for digest in (*previous, _legacy_mobile_digest(mobile)) if digest in stored]
        if not old:
            continue
        if current not in stored:
            SmsOptOut.objects.filter(mobile_hash=old[0]).update(mobile_hash=current)
            stored.add(current)
            old = old[1:]
            changed += 1
        SmsOptOut.objects.filter(mobile_hash__in=old).delete()
        stored.difference_update(old)
    return changed


register_rekeyer("SMS opt-outs", rekey_opt_outs)


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
    try:
        mobile = normalize_mobile(_address(message, Channel.SMS))
    except ValidationError:
        raise Skip("no valid mobile")
    # Informational or not was decided from the template actually used when the row was queued.
    if message.informational and has_opted_out(mobile):
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
