"""Outbound letters (through the outbox, so nothing is lost while the other system is down) and
inbound letter events (handed to workflows.services.apply_letter_event: timeline, stage, citizen message).

    from correspondence import letters
    letters.queue_outbound_letter(service_request)   # inside submit_request's transaction
"""

import datetime as dt

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from notifications import channels, outbox
from notifications.clock import now
from notifications.enums import Channel, Event, RecipientKind

from .models import Letter, LetterEvent, LetterEventKind, LetterStatus, PartnerToken
from .registry import get_connector, is_enabled


def queue_outbound_letter(service_request) -> Letter | None:
    """Create the letter and its outbox row in the caller's transaction; None when the connector is off.

    Idempotent: a request has one letter and one outbound message.
    """
    if not is_enabled():
        return None
    letter, created = Letter.objects.get_or_create(service_request=service_request)
    if not created:
        return letter
    outbox.add_message(
        event=Event.LETTER_OUTBOUND,
        channel=Channel.LETTER,
        recipient_kind=RecipientKind.SYSTEM,
        service_request=service_request,
        payload={"letter": letter.pk},
        dedupe_key=f"letter:{service_request.pk}",
    )
    return letter


def letter_for(service_request) -> Letter | None:
    return Letter.objects.filter(service_request=service_request).first()


def build_letter(service_request) -> dict:
    """What the correspondence system receives; read at send time so nothing personal sits in the outbox."""
    from cms.models import RequiredDocument

    applicant = service_request.applicant
    documents = list(service_request.documents.all())
    names = dict(RequiredDocument.objects.filter(key__in=[d.key for d in documents]).values_list("key", "name"))
    with translation.override("fa"):
        subject = _("Request for %(service)s, tracking code %(code)s") % {
            "service": service_request.guide.title,
            "code": service_request.tracking_code,
        }
    return {
        "reference": service_request.tracking_code,
        "subject": subject,
        "submitted_at": service_request.submitted_at.isoformat(),
        "channel": service_request.channel,
        "applicant": {
            "national_id": applicant.national_id,
            "first_name": applicant.first_name,
            "last_name": applicant.last_name,
        },
        "service": {"code": service_request.guide.service_code, "title": service_request.guide.title},
        "documents": [
            {
                "key": d.key,
                "name": names.get(d.key, d.key),
                "sha256": d.sha256,
                "size": d.size,
                "content_type": d.content_type,
            }
            for d in documents
        ],
    }


def deliver_letter(message) -> str:
    """Outbox handler of the "letter" channel: send, then store the number the system gave."""
    letter = (
        Letter.objects.select_related("service_request__guide", "service_request__applicant")
        .filter(pk=(message.payload or {}).get("letter"))
        .first()
    )
    if letter is None:
        raise channels.Skip("letter deleted")
    number = get_connector().send_letter(
        build_letter(letter.service_request), idempotency_key=str(message.idempotency_key)
    )
    Letter.objects.filter(pk=letter.pk).update(number=number, status=LetterStatus.REGISTERED, registered_at=now())
    return number


channels.register(Channel.LETTER, deliver_letter)


class UnknownLetter(Exception):
    pass


def event_text(kind: str, unit: str, officer: str) -> str:
    """A short Persian line for the citizen and the timeline."""
    with translation.override("fa"):
        if kind == LetterEventKind.REFERRED:
            target = " / ".join(part for part in (unit, officer) if part) or _("another unit")
            return _("Your letter was referred to %(unit)s") % {"unit": target}
        if kind == LetterEventKind.REPLIED:
            return str(_("Your letter was answered"))
        return str(_("Your letter was archived"))


def apply_event(
    *,
    event_id: str,
    letter_number: str,
    kind: str,
    occurred_at: dt.datetime,
    unit_code: str = "",
    unit_name: str = "",
    officer_name: str = "",
    officer_username: str = "",
    note: str = "",
    partner: PartnerToken | None = None,
) -> tuple[LetterEvent, bool]:
    """Record one letter event (idempotent on event_id); the request side is workflows.services'.

    A referral to one of our units (by code) or officers (by username) moves the request there, if
    the unit is on the request's plan or on the sending partner's list (`partner.allowed_unit_codes`).

    Returns (event, created). Raises UnknownLetter if no letter has that number.
    """
    with transaction.atomic():
        existing = LetterEvent.objects.filter(event_id=event_id).first()
        if existing is not None:
            return existing, False
        letter = Letter.objects.select_for_update().filter(number=letter_number).exclude(number="").first()
        if letter is None:
            raise UnknownLetter(letter_number)
        event = LetterEvent.objects.create(
            letter=letter,
            event_id=event_id,
            kind=kind,
            occurred_at=occurred_at,
            unit_code=unit_code,
            unit_name=unit_name,
            officer_name=officer_name,
            note=note,
        )
        letter.status = {
            LetterEventKind.REFERRED: LetterStatus.REFERRED,
            LetterEventKind.REPLIED: LetterStatus.REPLIED,
            LetterEventKind.ARCHIVED: LetterStatus.ARCHIVED,
        }[kind]
        letter.save(update_fields=["status", "updated_at"])
        from workflows import services

        services.apply_letter_event(
            letter.service_request,
            kind,
            unit_code=unit_code,
            officer_username=officer_username,
            comment=event_text(kind, unit_name, officer_name),
            letter_number=letter.number,
            unit_name=unit_name,
            officer_name=officer_name,
            partner_unit_codes=partner.allowed_unit_codes if partner is not None else (),
            partner=partner.partner if partner is not None else "",
        )
    return event, True
