"""The public door of notifications: enqueue() inside the caller's transaction, delivery after commit.

from notifications import outbox
outbox.enqueue("stage_changed", service_request=req, context={"unit": ..., "officer": ...})
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import translation

from core.persian import to_persian_digits

from .clock import now
from .defaults import DEFAULT_TEMPLATES
from .enums import Channel, Event, RecipientKind
from .models import MessageTemplate, OutboxMessage, Subscription
from .rendering import fit_sms, render

__all__ = ["Event", "Recipient", "enqueue", "add_message", "schedule_delivery", "template_for", "render_message"]


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to. Only a reference is kept; the address is read at send time."""

    kind: str = RecipientKind.APPLICANT
    subscription: Subscription | None = None

    @classmethod
    def applicant(cls) -> "Recipient":
        return cls(RecipientKind.APPLICANT)

    @classmethod
    def subscriber(cls, subscription: Subscription) -> "Recipient":
        return cls(RecipientKind.SUBSCRIBER, subscription)


def template_for(event: str, channel: str) -> tuple[str, str, bool] | None:
    """(subject, body, informational): the editor's active template, else the built-in default."""
    template = MessageTemplate.objects.filter(event=event, channel=channel, is_active=True).first()
    if template is not None:
        return template.subject, template.body, template.informational
    return DEFAULT_TEMPLATES.get((event, channel))


def render_message(event: str, channel: str, context: dict) -> tuple[str, str, bool] | None:
    """The final subject and text (SMS already fitted into ≤3 parts), or None if there is no template."""
    found = template_for(event, channel)
    if found is None:
        return None
    subject, body, informational = found
    text = render(body, context)
    if channel == Channel.SMS:
        text = fit_sms(text, informational=informational)
    return render(subject, context), text, informational


def request_context(service_request) -> dict:
    from workflows.tracking import format_tracking_code

    with translation.override("fa"):
        return {
            "tracking_code": to_persian_digits(format_tracking_code(service_request.tracking_code)),
            "service": service_request.guide.title,
            "status": str(service_request.get_status_display()),
        }


def add_message(
    *,
    event: str,
    channel: str,
    recipient_kind: str,
    service_request=None,
    subscription=None,
    subject: str = "",
    body: str = "",
    informational: bool = False,
    payload: dict | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Low-level: one outbox row plus delivery after commit (used by enqueue and the letter connector)."""
    message = OutboxMessage.objects.create(
        event=event,
        channel=channel,
        recipient_kind=recipient_kind,
        service_request=service_request,
        subscription=subscription,
        subject=subject,
        body=body,
        informational=informational,
        payload=payload or {},
        dedupe_key=dedupe_key,
        next_attempt_at=now(),
    )
    schedule_delivery()
    return message


def enqueue(
    event: str,
    *,
    service_request=None,
    context: dict | None = None,
    recipients: Sequence[Recipient] | None = None,
    channels: Iterable[str] | None = None,
) -> list[OutboxMessage]:
    """Create the messages for one event in the caller's transaction; they are delivered after commit.

    recipients=None means the request's applicant. channels=None means SMS, plus email when the
    recipient has an address. Events without a template for a channel create nothing for it.
    """
    full_context = request_context(service_request) if service_request is not None else {}
    full_context.update(context or {})
    wanted = tuple(channels) if channels is not None else (Channel.SMS, Channel.EMAIL)
    created = []
    for recipient in recipients if recipients is not None else [Recipient.applicant()]:
        for channel in wanted:
            if not _has_address(recipient, channel, service_request):
                continue
            rendered = render_message(event, channel, full_context)
            if rendered is None:
                continue
            subject, body, informational = rendered
            created.append(
                add_message(
                    event=event,
                    channel=channel,
                    recipient_kind=recipient.kind,
                    service_request=service_request,
                    subscription=recipient.subscription,
                    subject=subject,
                    body=body,
                    informational=informational,
                )
            )
    return created


def _has_address(recipient: Recipient, channel: str, service_request) -> bool:
    if recipient.kind == RecipientKind.SUBSCRIBER:
        sub = recipient.subscription
        return bool(sub and (sub.mobile if channel == Channel.SMS else sub.email))
    if service_request is None:
        return False
    applicant = service_request.applicant
    return bool(applicant.mobile if channel == Channel.SMS else applicant.email)


def _kick() -> None:
    from .tasks import deliver_outbox

    deliver_outbox.enqueue()


def schedule_delivery() -> None:
    """Start a delivery task after the current transaction commits (once per transaction)."""
    if any(callback is _kick for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_kick, robust=True)
