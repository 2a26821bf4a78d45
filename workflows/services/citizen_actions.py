"""What the citizen does to a request: withdraw it, upload what was asked, ask for a review, look it up."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from viewflow.workflow.status import STATUS

from cms.models import OrganizationalUnit
from core.calendar import add_working_days, working_days_paused
from core.digests import digest_candidates
from core.persian import to_ascii_digits

from .. import events
from ..enums import RequestStatus
from ..models import ServiceRequest
from ..tracking import normalize_tracking_code
from ._core import Change, ServiceError, _transition, request_flow
from .decisions import closing
from .intake import delete_stored, store_files


def withdraw_request(service_request: ServiceRequest, *, actor=None, reason: str = "") -> ServiceRequest:
    """The citizen withdraws; every open task is cancelled."""
    refusal = _("This request can no longer be withdrawn.")
    change = closing("withdraw", "withdrawn", events.withdrawn, (reason or "").strip(), refusal)
    return _transition(service_request, change, actor=actor, lock_process=True)


def requested_document_keys(service_request: ServiceRequest) -> list[str]:
    if service_request.status != RequestStatus.AWAITING_CITIZEN:
        return []
    return list(service_request.requested_keys or [])


def _shift(day: dt.date | None, working_days: int) -> dt.date | None:
    return add_working_days(day, working_days) if day else day


def provide_documents(service_request: ServiceRequest, files: dict[str, UploadedFile], *, actor=None) -> None:
    """The citizen uploads what was asked for; the paused deadlines move on and the flow resumes."""
    flow = request_flow()
    stored: list[str] = []

    def change(request: ServiceRequest) -> Change:
        task = request.process.task_set.filter(flow_task=flow.wait_for_citizen, status=STATUS.NEW).first()
        if request.status != RequestStatus.AWAITING_CITIZEN or task is None:
            raise ServiceError(_("This request is not waiting for documents."))
        if any(key not in files for key in request.requested_keys):
            raise ServiceError(_("Please upload every document that was asked for."))
        wanted = {k: v for k, v in files.items() if k in request.requested_keys}
        store_files(request, wanted, request.documents_round, stored)
        paused = working_days_paused(request.waiting_since or timezone.localdate(), timezone.localdate())
        if paused:
            request.due_date = _shift(request.due_date, paused)
            request.stage_due = _shift(request.stage_due, paused)
        if request.documents_asked_at_intake:
            request.resume_check()
            request.current_unit = request.guide.effective_intake_unit
        else:
            request.enter_review()
        request.waiting_since = None
        request.requested_keys = []
        return Change(
            "documents_provided",
            event=events.documents_provided,
            then=lambda _request: flow.wait_for_citizen.run(task),
        )

    try:
        _transition(service_request, change, actor=actor, lock_process=True)
    except BaseException:
        delete_stored(stored)
        raise


def reopen_for_review(service_request: ServiceRequest, *, reason: str) -> ServiceRequest:
    """After a dissatisfied survey: back to the head of the last stage's unit."""
    reason = (reason or "").strip()

    def change(request: ServiceRequest) -> Change:
        if not can_proceed(request.reopen):
            raise ServiceError(_("Only a decided request can be reopened."))
        request.stage_index = len(request.routing_snapshot) - 1
        stage = request.stage
        unit = OrganizationalUnit.objects.filter(pk=stage.unit_id).first() if stage else None
        if unit is None:
            raise ServiceError(
                _("This stage points at a unit that no longer exists. The editors must fix the routing plan.")
            )
        request.assign_on_entry = unit.head
        request.last_outcome = ""
        request.stage_due = None
        request.closed_at = None
        request.reopen()
        return Change(
            "reopened",
            event=events.reopened,
            comment=reason,
            event_kwargs={"reason": reason},
            then=lambda locked: request_flow().reopen.run(service_request=locked),
        )

    return _transition(service_request, change)


def find_request(tracking_code: str, national_id: str) -> ServiceRequest | None:
    """Both must match; the national ID is compared through its keyed digest."""
    code = normalize_tracking_code(tracking_code)
    if code is None:
        return None
    digests = digest_candidates("national_id", to_ascii_digits(str(national_id or "")).strip())
    return (
        ServiceRequest.objects.select_related("guide", "applicant")
        .filter(tracking_code=code, applicant__national_id_hash__in=digests)
        .first()
    )


def citizen_view(service_request: ServiceRequest) -> dict:
    """What the citizen may see about their request (no other person's data)."""
    from ..citizen import build_citizen_view

    return build_citizen_view(service_request)
