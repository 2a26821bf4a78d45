"""What the citizen is told when their request changes: one receiver per domain event.

`workflows.services` sends the events inside the change's transaction, so each outbox row
commits with the change; delivery starts only after commit (notifications.outbox). Only what a
template needs goes into the context: the outbox reads the mobile at send time.
"""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.people import display_name
from workflows import events
from workflows.models import ServiceRequest

from . import outbox

# The citizen portal's survey page, found by name so notifications never imports the portal.
SURVEY_URL_NAME = "citizen_portal:survey"
LIST_SEPARATOR = "، "


def _enqueue(event: str, service_request: ServiceRequest, context: dict | None = None, **kwargs) -> list:
    return outbox.enqueue(event, service_request=service_request, context=context or {}, **kwargs)


def survey_link(service_request: ServiceRequest) -> str:
    """Absolute URL of the portal's survey page; empty when the portal is not installed."""
    try:
        path = reverse(SURVEY_URL_NAME, kwargs={"tracking_code": service_request.tracking_code})
    except NoReverseMatch:
        return ""
    return f"{str(getattr(settings, 'WAGTAILADMIN_BASE_URL', '') or '').rstrip('/')}{path}"


def survey_invitation(service_request: ServiceRequest) -> list:
    link = survey_link(service_request)
    if not link:
        return []
    return _enqueue("survey_invitation", service_request, {"link": link})


def stage_changed(service_request: ServiceRequest) -> list:
    """The directive: the citizen is told the handling unit and the officer at every change of either."""
    with translation.override("fa"):
        officer = display_name(service_request.current_officer) or _("Not yet assigned")
        context = {
            "stage": str(service_request.stage_title),
            "unit": service_request.current_unit.name if service_request.current_unit_id else "",
            "officer": str(officer),
        }
    return _enqueue("stage_changed", service_request, context)


@receiver(events.request_submitted)
def on_submitted(sender, service_request: ServiceRequest, **kwargs) -> None:
    _enqueue("registered", service_request)


@receiver(events.stage_entered)
def on_stage_entered(sender, service_request: ServiceRequest, **kwargs) -> None:
    stage_changed(service_request)


@receiver(events.officer_changed)
def on_officer_changed(sender, service_request: ServiceRequest, action: str = "", **kwargs) -> None:
    # Handing a task back to the queue is the unit's business; the citizen hears of the next officer.
    if action != "unclaimed":
        stage_changed(service_request)


@receiver(events.documents_requested)
def on_documents_requested(sender, service_request: ServiceRequest, **kwargs) -> None:
    from cms.models import RequiredDocument

    keys = list(service_request.requested_keys or [])
    names = dict(RequiredDocument.objects.filter(key__in=keys).values_list("key", "name"))
    _enqueue("documents_requested", service_request, {"documents": LIST_SEPARATOR.join(names.get(k, k) for k in keys)})


@receiver(events.decided)
def on_decided(sender, service_request: ServiceRequest, **kwargs) -> None:
    with translation.override("fa"):
        decision = str(service_request.get_status_display())
    _enqueue("decided", service_request, {"decision": decision})
    survey_invitation(service_request)


@receiver(events.cancelled)
def on_cancelled(sender, service_request: ServiceRequest, reason: str = "", **kwargs) -> None:
    _enqueue("closed", service_request, {"reason": reason})
    survey_invitation(service_request)


@receiver(events.withdrawn)
def on_withdrawn(sender, service_request: ServiceRequest, **kwargs) -> None:
    _enqueue("withdrawn", service_request)


@receiver(events.letter_event_recorded)
def on_letter_event(
    sender,
    service_request: ServiceRequest,
    moved: bool = False,
    letter_number: str = "",
    text: str = "",
    unit_name: str = "",
    officer_name: str = "",
    **kwargs,
) -> None:
    """A referral that moved the request is a change of unit/officer; any other event is told as such."""
    if moved:
        stage_changed(service_request)
        return
    _enqueue(
        "letter_event",
        service_request,
        {"letter_number": letter_number, "letter_event": text, "unit": unit_name, "officer": officer_name},
        channels=["sms"],
    )
