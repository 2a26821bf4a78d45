"""Procedure-change alerts (R4): subscribe with a code, opt out by link or SMS keyword, fan out on publish."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import ratelimit
from core.digests import SUBSCRIPTION, keyed_digest, matches
from core.persian import to_ascii_digits, to_persian_digits
from core.validators import normalize_mobile

from .channels import mobile_digest, mobile_digests
from .clock import now
from .docdiff import diff_documents
from .enums import Channel, Event, MessageStatus, RecipientKind, SubscriptionStatus
from .models import OutboxMessage, SmsOptOut, Subscription
from .outbox import Recipient, enqueue, render_message, schedule_delivery

CODE_LIFETIME = dt.timedelta(minutes=15)
CODE_RESEND_AFTER = dt.timedelta(seconds=60)
MAX_CODE_ATTEMPTS = 5
FAN_OUT_BATCH = 1000
OPT_OUT_KEYWORD, OPT_IN_KEYWORD = "11", "12"
# Confirmation codes sent per recipient (over all services) and per client address, in a window.
CODE_LIMITS = {
    "NOTIFICATIONS_CODES_PER_RECIPIENT": 3,
    "NOTIFICATIONS_CODES_PER_IP": 10,
    "NOTIFICATIONS_CODE_WINDOW_MINUTES": 15,
}


def _limit(name: str) -> int:
    return int(getattr(settings, name, CODE_LIMITS[name]))


def _code_budget_allows(recipient: str, ip: str) -> bool:
    """One more code to `recipient` from `ip`? The address is counted first, so a refused address
    does not spend the recipient's budget."""
    window = _limit("NOTIFICATIONS_CODE_WINDOW_MINUTES") * 60
    if ip and not ratelimit.hit(
        "subscribe-code-ip", ip, limit=_limit("NOTIFICATIONS_CODES_PER_IP"), window_seconds=window
    ):
        return False
    return ratelimit.hit(
        "subscribe-code-recipient", recipient, limit=_limit("NOTIFICATIONS_CODES_PER_RECIPIENT"), window_seconds=window
    )


class SubscriptionError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _code_value(subscription: Subscription, code: str) -> str:
    return f"{subscription.pk}:{code}"


def _code_digest(subscription: Subscription, code: str) -> str:
    return keyed_digest(SUBSCRIPTION, _code_value(subscription, code))


def subscribe(guide, *, mobile: str = "", email: str = "", ip: str = "") -> Subscription:
    """Create (or find) the subscription and send it a confirmation code. mobile is normalised here.

    Codes are limited per mobile (or e-mail) over all services and per client address (`ip`, from
    core.client.client_ip); past either limit nothing is created or sent and SubscriptionError says so.
    """
    mobile = normalize_mobile(mobile) if mobile else ""
    email = (email or "").strip().lower()
    if not (mobile or email):
        raise SubscriptionError(_("Enter a mobile number or an email address."))
    with transaction.atomic():
        lookup = {"mobile": mobile} if mobile else {"email": email}
        subscription, _created = Subscription.objects.select_for_update().get_or_create(guide=guide, **lookup)
        if subscription.status == SubscriptionStatus.CONFIRMED:
            return subscription
        if subscription.code_sent_at and now() - subscription.code_sent_at < CODE_RESEND_AFTER:
            return subscription
        if not _code_budget_allows(f"mobile:{mobile}" if mobile else f"email:{email}", ip):
            # raised inside the transaction: a subscription just created is rolled back with it
            raise SubscriptionError(_("Too many confirmation codes were requested. Please try again later."))
        code = f"{secrets.randbelow(10**6):06d}"
        subscription.code_hash = _code_digest(subscription, code)
        subscription.code_sent_at = now()
        subscription.code_attempts = 0
        subscription.status = SubscriptionStatus.PENDING
        subscription.save()
        enqueue(
            Event.SUBSCRIPTION_CODE,
            context={"service": guide.title, "code": to_persian_digits(code)},
            recipients=[Recipient.subscriber(subscription)],
            channels=[subscription.channel],
        )
    return subscription


def confirm(subscription: Subscription, code: str) -> None:
    """Check the code (5 tries, 15 minutes); raises SubscriptionError with a translated message."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        error = _code_error(subscription, code)
        if error is None:
            subscription.status = SubscriptionStatus.CONFIRMED
            subscription.confirmed_at = now()
            subscription.code_hash = ""
            subscription.save()
    # Raised after the commit, so a wrong try stays counted.
    if error is not None:
        raise SubscriptionError(error)


def _code_error(subscription: Subscription, code: str) -> str | None:
    if subscription.status == SubscriptionStatus.CONFIRMED:
        return None
    if not subscription.code_hash or not subscription.code_sent_at or now() - subscription.code_sent_at > CODE_LIFETIME:
        return _("The code has expired. Ask for a new one.")
    if subscription.code_attempts >= MAX_CODE_ATTEMPTS:
        return _("Too many wrong codes. Ask for a new one.")
    given = to_ascii_digits((code or "").strip())
    if not matches(SUBSCRIPTION, _code_value(subscription, given), subscription.code_hash):
        subscription.code_attempts += 1
        subscription.save(update_fields=["code_attempts"])
        return _("The code is not correct.")
    return None


def unsubscribe(token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is not None and subscription.status != SubscriptionStatus.UNSUBSCRIBED:
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.save(update_fields=["status"])
    return subscription


def handle_sms_keyword(mobile: str, text: str) -> str | None:
    """11 = stop informational SMS (and subscriptions); 12 = opt back in. Returns what was done."""
    number = normalize_mobile(mobile)
    keyword = to_ascii_digits((text or "").strip())
    with transaction.atomic():
        if keyword == OPT_OUT_KEYWORD:
            SmsOptOut.objects.get_or_create(mobile_hash=mobile_digest(number))
            Subscription.objects.filter(mobile=number, status=SubscriptionStatus.CONFIRMED).update(
                status=SubscriptionStatus.UNSUBSCRIBED
            )
            return "opted_out"
        if keyword == OPT_IN_KEYWORD:
            SmsOptOut.objects.filter(mobile_hash__in=mobile_digests(number)).delete()
            Subscription.objects.filter(
                mobile=number, status=SubscriptionStatus.UNSUBSCRIBED, confirmed_at__isnull=False
            ).update(status=SubscriptionStatus.CONFIRMED)
            return "opted_in"
    return None


def _join(items: list[str]) -> str:
    return "، ".join(items) if items else "—"


def change_context(guide, diff) -> dict:
    return {
        "service": guide.title,
        "change_note": guide.change_note or "",
        "documents_added": _join(diff.added),
        "documents_removed": _join(diff.removed),
        "documents_changed": _join([f"{name} ({'، '.join(labels)})" for name, labels in diff.changed]),
    }


def unsubscribe_url(subscription: Subscription) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("notifications:unsubscribe", args=[subscription.token])


def fan_out(page_id: int, revision_id: int, previous_revision_id: int | None) -> int:
    """One outbox row per confirmed subscriber, bulk-created in batches; safe to run twice."""
    from wagtail.models import Revision

    from cms.models import ServiceGuidePage

    revision = Revision.objects.get(pk=revision_id)
    previous = Revision.objects.filter(pk=previous_revision_id).first() if previous_revision_id else None
    guide = revision.as_object()
    if not isinstance(guide, ServiceGuidePage):
        return 0
    diff = diff_documents(previous.content if previous else None, revision.content)
    context = change_context(guide, diff)
    sms = render_message(Event.PROCEDURE_CHANGED, Channel.SMS, context)
    created, last_pk = 0, 0
    while True:
        batch = list(
            Subscription.objects.filter(guide_id=page_id, status=SubscriptionStatus.CONFIRMED, pk__gt=last_pk).order_by(
                "pk"
            )[:FAN_OUT_BATCH]
        )
        if not batch:
            break
        last_pk = batch[-1].pk
        rows = []
        for subscription in batch:
            if subscription.mobile:
                rendered = sms
            else:
                rendered = render_message(
                    Event.PROCEDURE_CHANGED, Channel.EMAIL, {**context, "link": unsubscribe_url(subscription)}
                )
            if rendered is None:
                continue
            rows.append(
                OutboxMessage(
                    event=Event.PROCEDURE_CHANGED,
                    channel=subscription.channel,
                    recipient_kind=RecipientKind.SUBSCRIBER,
                    subscription=subscription,
                    subject=rendered[0],
                    body=rendered[1],
                    informational=rendered[2],
                    payload={"revision": revision_id},
                    dedupe_key=f"procedure:{revision_id}:{subscription.pk}",
                    status=MessageStatus.PENDING,
                    next_attempt_at=now(),
                )
            )
        with transaction.atomic():
            OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
            schedule_delivery()
        created += len(rows)
    return created
