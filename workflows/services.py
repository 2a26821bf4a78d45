"""Every change to a request goes through here: one transaction, row lock, FSM transition,
timeline entry and audit event. Views, the API, flow nodes and tasks call these functions."""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.status import STATUS

from cms.enums import Outcome, Role
from cms.models import OrganizationalUnit, UnitMembership
from core import audit
from core.calendar import due_date_for, working_days_paused
from core.models import AuditEvent

from . import notify
from .enums import IntakeResult, RequestStatus
from .models import Applicant, RequestDocument, ServiceRequest, TimelineEntry, national_id_digest, private_storage
from .permissions import CANCEL, HEAD_PERMISSION, UNIT_PERMISSION, handling_unit_ids, headed_unit_ids
from .tracking import new_tracking_code, normalize_tracking_code


class ServiceError(Exception):
    """A refused change; `.message` is translated and safe to show to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ApplicantData:
    national_id: str
    first_name: str
    last_name: str
    mobile: str
    email: str = ""


def intake_working_days() -> int:
    return int(getattr(settings, "DESK_INTAKE_WORKING_DAYS", 2))


def _flow():
    from .flows import RequestFlow

    return RequestFlow


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(service_request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().get(pk=service_request.pk)


def _log(
    service_request: ServiceRequest,
    action: str,
    *,
    actor=None,
    from_status: str = "",
    comment: str = "",
    visible: bool = True,
    kind: str = AuditEvent.Kind.STATE_CHANGE,
    http_request=None,
    unit_id: int | None = None,
) -> TimelineEntry:
    unit_id = unit_id or service_request.current_unit_id
    entry = TimelineEntry.objects.create(
        request=service_request,
        actor=_user(actor),
        action=action,
        from_status=from_status,
        to_status=service_request.status,
        stage_index=service_request.stage_index,
        unit_id=unit_id,
        officer_id=service_request.current_officer_id,
        comment=comment,
        visible_to_citizen=visible,
    )
    audit.record(
        kind,
        actor=_user(actor),
        obj=service_request,
        request=http_request,
        action=action,
        from_status=from_status,
        to_status=service_request.status,
        stage=service_request.stage_index,
        unit=unit_id,
    )
    return entry


def _unit_exists(unit_id) -> bool:
    return unit_id is not None and OrganizationalUnit.objects.filter(pk=unit_id, is_active=True).exists()


def check_routing_plan(snapshot: list[dict]) -> None:
    """A plan is usable only if it has stages and every stage's unit still exists."""
    if not snapshot:
        raise ServiceError(_("This service has no routing plan yet; it cannot accept requests."))
    for stage in snapshot:
        if not _unit_exists(stage.get("unit_id")):
            raise ServiceError(
                _(
                    "The stage “%(title)s” points at a unit that no longer exists. The editors must fix the routing plan."
                )
                % {"title": stage.get("title", "")}
            )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _store_files(service_request: ServiceRequest, files: dict, round_: int, stored: list[str]) -> None:
    for key, upload in files.items():
        document = RequestDocument(
            request=service_request,
            key=key,
            original_name=(getattr(upload, "name", "") or "")[:255],
            content_type=getattr(upload, "content_type", "") or "",
            size=upload.size or 0,
            sha256=_sha256(upload),
            requested_round=round_,
        )
        document.file.save(upload.name or key, upload, save=False)
        stored.append(document.file.name)
        document.save()


def _delete_stored(stored: list[str]) -> None:
    storage = private_storage()
    for name in stored:
        storage.delete(name)


def _unique_tracking_code() -> str:
    while True:
        code = new_tracking_code()
        if not ServiceRequest.objects.filter(tracking_code=code).exists():
            return code


def submit_request(
    *,
    guide,
    applicant: ApplicantData,
    files: dict[str, UploadedFile],
    channel: str,
    actor=None,
    letter_number: str = "",
    letter_date: dt.date | None = None,
) -> ServiceRequest:
    """Register a request and start its flow; files and rows commit together or not at all."""
    snapshot = guide.routing_snapshot()
    check_routing_plan(snapshot)
    intake = guide.effective_intake_unit
    if intake is None or not _unit_exists(intake.pk):
        raise ServiceError(_("This service has no intake unit; it cannot accept requests."))
    now = timezone.now()
    total_days = guide.max_days or sum(int(stage.get("working_days") or 0) for stage in snapshot)
    stored: list[str] = []
    try:
        with transaction.atomic():
            person = Applicant.objects.create(
                national_id=applicant.national_id,
                first_name=applicant.first_name,
                last_name=applicant.last_name,
                mobile=applicant.mobile,
                email=applicant.email or "",
            )
            service_request = ServiceRequest.objects.create(
                guide=guide,
                guide_revision=guide.latest_revision,
                routing_snapshot=snapshot,
                applicant=person,
                channel=channel,
                tracking_code=_unique_tracking_code(),
                current_unit=intake,
                stage_entered_at=now,
                stage_due=due_date_for(now, intake_working_days()),
                due_date=due_date_for(now, total_days),
                submitted_at=now,
                letter_number=letter_number,
                letter_date=letter_date,
                registered_by=_user(actor),
            )
            _store_files(service_request, files, 0, stored)
            _log(service_request, "submitted", actor=actor)
            _flow().start.run(service_request=service_request)
            notify.registered(service_request)
            from correspondence import letters

            letters.queue_outbound_letter(service_request)
    except BaseException:
        _delete_stored(stored)
        raise
    return service_request


# --- the flow's node handlers (called by workflows.flows) ------------------------------


def enter_stage(service_request: ServiceRequest) -> ServiceRequest:
    """Put the request in the queue of its current stage's unit, with that stage's deadline."""
    request = _locked(service_request)
    if request.stage_index < 0:
        request.stage_index = 0
    stage = request.stage
    if stage is None or not _unit_exists(stage.get("unit_id")):
        raise ServiceError(
            _("This stage points at a unit that no longer exists. The editors must fix the routing plan.")
        )
    resuming = request.last_outcome == Outcome.DOCUMENTS and request.stage_due is not None
    now = timezone.now()
    from_status = request.status
    request.current_unit_id = stage["unit_id"]
    request.current_officer = request.assign_on_entry
    request.assign_on_entry = None
    request.stage_entered_at = now
    request.escalated_at = None
    if not resuming:
        request.stage_due = due_date_for(now, int(stage.get("working_days") or 1))
    request.enter_review()
    request.last_outcome = ""
    request.save()
    _log(request, "stage_entered", from_status=from_status)
    notify.stage_changed(request)
    return request


def unit_of_request(process) -> OrganizationalUnit | None:
    """The unit whose queue a new task lands in (the request's current unit)."""
    unit_id = ServiceRequest.objects.filter(processes__pk=process.pk).values_list("current_unit_id", flat=True).first()
    return OrganizationalUnit.objects.filter(pk=unit_id).first() if unit_id else None


def review_permission(activation) -> str:
    """A stage whose plan requires the unit head's role is for heads only."""
    request = ServiceRequest.objects.filter(processes__pk=activation.process.pk).first()
    return stage_permission(request) if request else UNIT_PERMISSION


def stage_permission(request: ServiceRequest) -> str:
    """A stage whose plan says "unit head" is for heads only."""
    return HEAD_PERMISSION if (request.stage or {}).get("role") == Role.HEAD else UNIT_PERMISSION


def preassigned_officer(activation):
    """Owner for a new review task: set only when a request is reopened to the unit head."""
    request = (
        ServiceRequest.objects.filter(processes__pk=activation.process.pk).select_related("current_officer").first()
    )
    return request.current_officer if request else None


# --- officers' actions ------------------------------------------------------------------


def _require_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError(_("Write a comment explaining the decision."))
    return comment


def _valid_document_keys(request: ServiceRequest, keys) -> list[str]:
    keys = [k for k in (keys or []) if k]
    allowed = {doc.document.key for doc in request.guide.documents.select_related("document")}
    if not keys or any(k not in allowed for k in keys):
        raise ServiceError(_("Choose which of the service's documents the citizen must provide."))
    return keys


def _ask_for_documents(request: ServiceRequest, keys: list[str], at_intake: bool) -> None:
    request.ask_citizen()
    request.requested_keys = keys
    request.documents_asked_at_intake = at_intake
    request.waiting_since = timezone.localdate()
    request.documents_round += 1
    request.current_officer = None


def record_intake(
    service_request: ServiceRequest, *, result: str, comment: str, actor, document_keys=None, http_request=None
) -> ServiceRequest:
    """The intake officer's completeness check (run inside the task's activation)."""
    comment = _require_comment(comment)
    request = _locked(service_request)
    if request.status != RequestStatus.CHECKING_DOCUMENTS:
        raise ServiceError(_("This request is not being checked for documents."))
    from_status = request.status
    if result == IntakeResult.COMPLETE:
        request.last_outcome = IntakeResult.COMPLETE
        request.stage_index = 0
        request.stage_due = None
        action = "documents_complete"
    elif result == IntakeResult.DOCUMENTS:
        keys = _valid_document_keys(request, document_keys)
        _ask_for_documents(request, keys, at_intake=True)
        request.last_outcome = Outcome.DOCUMENTS
        action = "documents_requested"
    else:
        raise ServiceError(_("Choose a result."))
    request.save()
    _log(
        request,
        action,
        actor=actor,
        from_status=from_status,
        comment=comment,
        kind=AuditEvent.Kind.DECISION,
        http_request=http_request,
    )
    if result == IntakeResult.DOCUMENTS:
        notify.documents_requested(request)
    return request


def decide(
    service_request: ServiceRequest, *, outcome: str, comment: str, actor, document_keys=None, http_request=None
) -> ServiceRequest:
    """An officer's decision at a stage (run inside the task's activation)."""
    comment = _require_comment(comment)
    request = _locked(service_request)
    if request.status != RequestStatus.IN_REVIEW:
        raise ServiceError(_("This request is not in review; the decision cannot be recorded."))
    if outcome not in request.allowed_outcomes:
        raise ServiceError(_("This decision is not allowed at this stage."))
    from_status = request.status
    if outcome == Outcome.FORWARD:
        next_stage = request.routing_snapshot[request.stage_index + 1]
        if not _unit_exists(next_stage.get("unit_id")):
            raise ServiceError(
                _("The next stage points at a unit that no longer exists. The editors must fix the routing plan.")
            )
        request.stage_index += 1
        request.stage_due = None
    elif outcome == Outcome.RETURN:
        request.stage_index -= 1
        request.stage_due = None
    elif outcome == Outcome.DOCUMENTS:
        _ask_for_documents(request, _valid_document_keys(request, document_keys), at_intake=False)
    elif outcome == Outcome.APPROVE:
        request.approve()
        request.decided_at = timezone.now()
    elif outcome == Outcome.REJECT:
        request.reject()
        request.decided_at = timezone.now()
    request.last_outcome = outcome
    request.save()
    _log(
        request,
        outcome,
        actor=actor,
        from_status=from_status,
        comment=comment,
        kind=AuditEvent.Kind.DECISION,
        http_request=http_request,
    )
    if outcome == Outcome.DOCUMENTS:
        notify.documents_requested(request)
    elif outcome in (Outcome.APPROVE, Outcome.REJECT):
        notify.decided(request)
    return request


def issue_decision(service_request: ServiceRequest) -> ServiceRequest:
    """Render and store the signed-off decision letter; the process then ends."""
    from .letters import render_decision_letter

    request = _locked(service_request)
    now = timezone.now()
    request.decision_number = f"{now:%Y}/{request.guide.service_code}/{request.pk:06d}"
    pdf = render_decision_letter(request)
    from django.core.files.base import ContentFile

    request.decision_letter.save(f"letters/{now:%Y}/{request.tracking_code}.pdf", ContentFile(pdf), save=False)
    request.closed_at = now
    request.current_officer = None
    request.save()
    _log(request, "letter_issued")
    return request


def _open_task(request: ServiceRequest, task_pk: int | None = None):
    process = request.process
    if process is None:
        return None
    tasks = process.task_set.filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED])
    if task_pk is not None:
        tasks = tasks.filter(pk=task_pk)
    return tasks.first()


def _after_assignment(request: ServiceRequest, officer, *, actor, action: str, http_request=None) -> None:
    locked = _locked(request)
    from_status = locked.status
    if can_proceed(locked.begin_check):
        locked.begin_check()
    locked.current_officer = officer
    locked.save()
    _log(locked, action, actor=actor, from_status=from_status, http_request=http_request)
    notify.stage_changed(locked)


def claim_task(activation, user, *, http_request=None) -> None:
    """An officer of the task's unit takes it (called under the flow lock)."""
    task = activation.task
    task.refresh_from_db()
    if task.status != STATUS.NEW or task.owner_id:
        raise ServiceError(_("Another officer has already taken this request."))
    if not activation.flow_task.can_assign(user, task):
        raise PermissionError
    activation.assign(user)
    request = ServiceRequest.objects.get(processes__pk=task.process_id)
    _after_assignment(request, user, actor=user, action="claimed", http_request=http_request)


def unclaim_task(activation, user, *, http_request=None) -> None:
    """The owner hands the task back to the unit queue (called under the flow lock)."""
    activation.unassign()
    request = _locked(ServiceRequest.objects.get(processes__pk=activation.task.process_id))
    request.current_officer = None
    request.save()
    _log(request, "unclaimed", actor=user, from_status=request.status, http_request=http_request)


def assign_task(service_request: ServiceRequest, officer, *, by, http_request=None) -> None:
    """A unit head (or a manager) hands the current task to an officer of the unit."""
    process = service_request.process
    with _flow().lock(process.pk):
        task = _open_task(service_request)
        if task is None:
            raise ServiceError(_("This request has no task waiting for an officer."))
        unit_id = int(task.owner_permission_obj_pk) if task.owner_permission_obj_pk else None
        if unit_id not in headed_unit_ids(by) and not by.has_perm(CANCEL):
            raise PermissionError
        if unit_id not in handling_unit_ids(officer):
            raise ServiceError(_("The chosen officer does not work in this unit."))
        activation = task.flow_task.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(officer)
        else:
            activation.reassign(officer)
        _after_assignment(service_request, officer, actor=by, action="assigned", http_request=http_request)


@contextmanager
def _process_lock(service_request: ServiceRequest):
    """Lock order everywhere: the flow's process row first, then the request row."""
    process = service_request.process
    if process is None:
        with transaction.atomic():
            yield
    else:
        with _flow().lock(process.pk):
            yield


def _cancel_flow(request: ServiceRequest) -> None:
    for process in request.processes.exclude(status__in=["DONE", "CANCELED"]):
        try:
            _flow().instance.cancel(process)
        except FlowRuntimeError:
            raise ServiceError(_("An officer is working on this request right now; try again in a moment."))


def withdraw_request(service_request: ServiceRequest, *, actor=None, reason: str = "") -> None:
    """The citizen withdraws; every open task is cancelled."""
    with _process_lock(service_request):
        request = _locked(service_request)
        if not can_proceed(request.withdraw):
            raise ServiceError(_("This request can no longer be withdrawn."))
        from_status = request.status
        _cancel_flow(request)
        request.withdraw()
        request.closed_at = timezone.now()
        request.current_officer = None
        request.save()
        _log(request, "withdrawn", actor=actor, from_status=from_status, comment=(reason or "").strip())
        notify.withdrawn(request)


def cancel_request(service_request: ServiceRequest, *, actor, reason: str, http_request=None) -> None:
    """A manager closes a request; the reason is mandatory and shown to the citizen."""
    if not actor.has_perm(CANCEL):
        raise PermissionError
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Write the reason for cancelling this request."))
    with _process_lock(service_request):
        request = _locked(service_request)
        if not can_proceed(request.close):
            raise ServiceError(_("This request is already finished and cannot be cancelled."))
        from_status = request.status
        _cancel_flow(request)
        request.close()
        request.closed_at = timezone.now()
        request.current_officer = None
        request.save()
        _log(request, "cancelled", actor=actor, from_status=from_status, comment=reason, http_request=http_request)
        notify.closed(request, reason)


def _unit_head(unit_id: int | None):
    """The unit's head: the unit's named head, else a member in the head role."""
    if unit_id is None:
        return None
    unit = OrganizationalUnit.objects.filter(pk=unit_id).select_related("head").first()
    if unit is None:
        return None
    if unit.head_id:
        return unit.head
    membership = UnitMembership.objects.filter(unit=unit, role=Role.HEAD).select_related("user").first()
    return membership.user if membership else None


def is_escalation_due(service_request: ServiceRequest, today: dt.date) -> bool:
    """Open, past its stage deadline, not waiting for the citizen and not yet escalated at this stage."""
    return (
        service_request.is_open
        and service_request.status != RequestStatus.AWAITING_CITIZEN
        and service_request.escalated_at is None
        and service_request.stage_due is not None
        and service_request.stage_due < today
    )


def escalate_request(service_request: ServiceRequest, *, now: dt.datetime | None = None) -> bool:
    """Flag an overdue stage once; an unclaimed task goes to the unit head.

    Re-checked under the row lock, so two workers (or a decision racing the worker) never
    escalate twice or escalate a stage that has just moved on. Returns whether it escalated.
    """
    now = now or timezone.now()
    with _process_lock(service_request):
        request = _locked(service_request)
        if not is_escalation_due(request, timezone.localdate(now)):
            return False
        task = _open_task(request)
        head = _unit_head(request.current_unit_id)
        if head is not None and task is not None and task.status == STATUS.NEW:
            task.flow_task.activation_class(task).assign(head)
            request.current_officer = head
        request.escalated_at = now
        request.save(update_fields=["escalated_at", "current_officer"])
        _log(request, "escalated", from_status=request.status, visible=False, kind=AuditEvent.Kind.STATE_CHANGE)
    return True


# --- the office-automation system's letter events ----------------------------------------

LETTER_EVENT_KINDS = ("referred", "replied", "archived")


def apply_letter_event(
    service_request: ServiceRequest,
    kind: str,
    *,
    unit_code: str | None = None,
    officer_username: str | None = None,
    comment: str = "",
    letter_number: str = "",
    unit_name: str = "",
    officer_name: str = "",
) -> TimelineEntry:
    """The office-automation system referred, answered or archived the request's letter.

    A referral to one of our units (optionally an officer of it) moves the open task, and so the
    request's unit and officer, there; the citizen hears "stage_changed". Any other event (or a
    referral we cannot follow) is a citizen-visible timeline entry and a "letter_event" message.
    """
    if kind not in LETTER_EVENT_KINDS:
        raise ServiceError(_("Unknown letter event."))
    unit = OrganizationalUnit.objects.filter(code=unit_code, is_active=True).first() if unit_code else None
    officer = _active_user(officer_username)
    with _process_lock(service_request):
        request = _locked(service_request)
        from_status = request.status
        moved = kind == "referred" and _refer(request, unit, officer)
        entry = _log(
            request,
            f"letter_{kind}",
            from_status=from_status,
            comment=(comment or "").strip(),
            kind=AuditEvent.Kind.STATE_CHANGE if moved else AuditEvent.Kind.OTHER,
            unit_id=unit.pk if unit else None,
        )
        if moved:
            notify.stage_changed(request)
        else:
            notify.letter_event(
                request,
                letter_number=letter_number,
                text=(comment or "").strip(),
                unit=unit.name if unit else unit_name,
                officer=notify.officer_name(officer) or officer_name,
            )
    return entry


def _active_user(username: str | None):
    from django.contrib.auth import get_user_model

    if not username:
        return None
    return get_user_model().objects.filter(username=username, is_active=True).first()


def _stage_of_unit(request: ServiceRequest, unit_id: int) -> int | None:
    """The plan's stage held by this unit: the current one if it is, else the first such stage."""
    if (request.stage or {}).get("unit_id") == unit_id:
        return request.stage_index
    for index, stage in enumerate(request.routing_snapshot):
        if stage.get("unit_id") == unit_id:
            return index
    return None


def _refer(request: ServiceRequest, unit: OrganizationalUnit | None, officer) -> bool:
    """Move the open task to `unit` (and `officer`, if they may take it there). False if nothing moved.

    Only a request with a task waiting for an officer can move; one that waits for the citizen or is
    finished keeps its place (the referral is still recorded on its timeline).
    """
    task = _open_task(request)
    if task is None or not request.is_open:
        return False
    task_unit = int(task.owner_permission_obj_pk) if task.owner_permission_obj_pk else None
    if unit is None and officer is not None:  # an officer named alone: within the task's unit
        unit = OrganizationalUnit.objects.filter(pk=task_unit).first()
    if unit is None:
        return False
    if request.status == RequestStatus.IN_REVIEW:
        index = _stage_of_unit(request, unit.pk)
        if index is not None and index != request.stage_index:
            request.stage_index = index
            request.stage_due = due_date_for(timezone.now(), int(request.stage.get("working_days") or 1))
        task.owner_permission = stage_permission(request)
    if officer is not None and not officer.has_perm(task.owner_permission or UNIT_PERMISSION, unit):
        officer = None
    same_unit = task_unit == unit.pk
    if same_unit and (officer is None or officer.pk == task.owner_id):
        return False
    task.owner_permission_obj_pk = str(unit.pk)
    task.owner_permission_content_type = ContentType.objects.get_for_model(OrganizationalUnit)
    activation = task.flow_task.activation_class(task)
    if officer is not None:
        if task.status == STATUS.NEW:
            activation.assign(officer)
        else:
            activation.reassign(officer)
        if can_proceed(request.begin_check):
            request.begin_check()
    elif task.status == STATUS.ASSIGNED:
        activation.unassign()
    else:
        task.save()
    request.current_unit = unit
    request.current_officer = officer
    if not same_unit:
        request.stage_entered_at = timezone.now()
        request.escalated_at = None
    request.save()
    return True


# --- the citizen's side -------------------------------------------------------------------


def requested_document_keys(service_request: ServiceRequest) -> list[str]:
    if service_request.status != RequestStatus.AWAITING_CITIZEN:
        return []
    return list(service_request.requested_keys or [])


def provide_documents(service_request: ServiceRequest, files: dict[str, UploadedFile], *, actor=None) -> None:
    """The citizen uploads what was asked for; the paused deadlines move on and the flow resumes."""
    flow = _flow()
    process = service_request.process
    stored: list[str] = []
    try:
        with flow.lock(process.pk):
            request = _locked(service_request)
            task = process.task_set.filter(flow_task=flow.wait_for_citizen, status=STATUS.NEW).first()
            if request.status != RequestStatus.AWAITING_CITIZEN or task is None:
                raise ServiceError(_("This request is not waiting for documents."))
            missing = [key for key in request.requested_keys if key not in files]
            if missing:
                raise ServiceError(_("Please upload every document that was asked for."))
            _store_files(
                request,
                {k: v for k, v in files.items() if k in request.requested_keys},
                request.documents_round,
                stored,
            )
            paused = working_days_paused(request.waiting_since or timezone.localdate(), timezone.localdate())
            if paused:
                request.due_date = _shift(request.due_date, paused)
                request.stage_due = _shift(request.stage_due, paused)
            from_status = request.status
            if request.documents_asked_at_intake:
                request.resume_check()
                request.current_unit = request.guide.effective_intake_unit
            else:
                request.enter_review()
            request.waiting_since = None
            request.requested_keys = []
            request.save()
            _log(request, "documents_provided", actor=actor, from_status=from_status)
            flow.wait_for_citizen.run(task)
    except BaseException:
        _delete_stored(stored)
        raise


def _shift(day: dt.date | None, working_days: int) -> dt.date | None:
    from core.calendar import add_working_days

    return add_working_days(day, working_days) if day else day


def reopen_for_review(service_request: ServiceRequest, *, reason: str) -> None:
    """After a dissatisfied survey: back to the head of the last stage's unit."""
    with transaction.atomic():
        request = _locked(service_request)
        if not can_proceed(request.reopen):
            raise ServiceError(_("Only a decided request can be reopened."))
        from_status = request.status
        request.stage_index = len(request.routing_snapshot) - 1
        unit = OrganizationalUnit.objects.filter(pk=(request.stage or {}).get("unit_id")).first()
        if unit is None:
            raise ServiceError(
                _("This stage points at a unit that no longer exists. The editors must fix the routing plan.")
            )
        request.assign_on_entry = unit.head
        request.last_outcome = ""
        request.stage_due = None
        request.closed_at = None
        request.reopen()
        request.save()
        _log(request, "reopened", from_status=from_status, comment=(reason or "").strip(), visible=True)
        _flow().reopen.run(service_request=request)


def find_request(tracking_code: str, national_id: str) -> ServiceRequest | None:
    """Both must match; the national ID is compared through its keyed digest."""
    code = normalize_tracking_code(tracking_code)
    if code is None:
        return None
    from core.persian import to_ascii_digits

    digest = national_id_digest(to_ascii_digits(str(national_id or "")).strip())
    return (
        ServiceRequest.objects.select_related("guide", "applicant")
        .filter(tracking_code=code, applicant__national_id_hash=digest)
        .first()
    )


def citizen_view(service_request: ServiceRequest) -> dict:
    """What the citizen may see about their request (no other person's data)."""
    from .citizen import build_citizen_view

    return build_citizen_view(service_request)


__all__ = [
    "ApplicantData",
    "ServiceError",
    "UNIT_PERMISSION",
    "apply_letter_event",
    "assign_task",
    "cancel_request",
    "citizen_view",
    "claim_task",
    "unclaim_task",
    "decide",
    "escalate_request",
    "find_request",
    "provide_documents",
    "record_intake",
    "reopen_for_review",
    "requested_document_keys",
    "submit_request",
    "withdraw_request",
]
