"""What the citizen is told when their request changes.

Each function queues one outbox event in the caller's transaction (workflows.services calls them
right after the change); delivery starts only after commit (notifications.outbox).
Only what a template needs goes into the context: the outbox reads the mobile at send time.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import ServiceRequest

# The citizen portal's survey page, found by name so workflows never imports the portal.
SURVEY_URL_NAME = "citizen_portal:survey"
LIST_SEPARATOR = "، "


def _enqueue(event: str, service_request: ServiceRequest, context: dict | None = None) -> list:
    from notifications import outbox

    return outbox.enqueue(event, service_request=service_request, context=context or {})


def registered(service_request: ServiceRequest) -> list:
    return _enqueue("registered", service_request)


def documents_requested(service_request: ServiceRequest) -> list:
    from cms.models import RequiredDocument

    keys = list(service_request.requested_keys or [])
    names = dict(RequiredDocument.objects.filter(key__in=keys).values_list("key", "name"))
    return _enqueue(
        "documents_requested", service_request, {"documents": LIST_SEPARATOR.join(names.get(k, k) for k in keys)}
    )


def officer_name(user) -> str:
    """An officer as the citizen reads them: full name, else the username."""
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username()).strip()


def stage_changed(service_request: ServiceRequest) -> list:
    """The directive: the citizen is told the handling unit and the officer at every change of either."""
    with translation.override("fa"):
        officer = officer_name(service_request.current_officer) or _("Not yet assigned")
        context = {
            "stage": str(service_request.stage_title),
            "unit": service_request.current_unit.name if service_request.current_unit_id else "",
            "officer": str(officer),
        }
    return _enqueue("stage_changed", service_request, context)


def decided(service_request: ServiceRequest) -> list:
    with translation.override("fa"):
        decision = str(service_request.get_status_display())
    return _enqueue("decided", service_request, {"decision": decision}) + survey_invitation(service_request)


def closed(service_request: ServiceRequest, reason: str) -> list:
    return _enqueue("closed", service_request, {"reason": reason}) + survey_invitation(service_request)


def withdrawn(service_request: ServiceRequest) -> list:
    return _enqueue("withdrawn", service_request)


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


def letter_event(
    service_request: ServiceRequest, *, letter_number: str, text: str, unit: str = "", officer: str = ""
) -> list:
    """What the office-automation system did with the request's letter (SMS only, as before)."""
    from notifications import outbox

    return outbox.enqueue(
        "letter_event",
        service_request=service_request,
        context={"letter_number": letter_number, "letter_event": text, "unit": unit, "officer": officer},
        channels=["sms"],
    )
