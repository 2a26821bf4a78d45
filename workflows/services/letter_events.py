"""The office-automation system's events about a request's letter, applied to the request."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from viewflow.workflow.status import STATUS

from cms.models import OrganizationalUnit
from core import audit
from core.calendar import due_date_for
from core.models import AuditEvent
from core.people import display_name

from .. import events
from ..enums import RequestStatus
from ..models import ServiceRequest
from ..permissions import UNIT_PERMISSION, stage_permission, task_unit_id
from ._core import Change, ServiceError, _transition, open_task

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
    partner_unit_codes: Collection[str] = (),
    partner: str = "",
) -> ServiceRequest:
    """The office-automation system referred, answered or archived the request's letter.

    A referral to one of our units (optionally an officer of it) moves the open task, and so the
    request's unit and officer, there, but only to a unit on the request's pinned plan or on the
    partner's own list (`partner_unit_codes`); a referral anywhere else is recorded without moving
    and audited as a refusal. Either way the event is a citizen-visible timeline entry, and
    `letter_event_recorded` says whether the request moved.
    """
    if kind not in LETTER_EVENT_KINDS:
        raise ServiceError(_("Unknown letter event."))
    unit = OrganizationalUnit.objects.filter(code=unit_code, is_active=True).first() if unit_code else None
    officer = _active_user(officer_username)
    text = (comment or "").strip()

    def change(request: ServiceRequest) -> Change:
        target = unit
        if kind == "referred" and not _may_route_to(request, unit, partner_unit_codes):
            audit.record(
                AuditEvent.Kind.PERMISSION_DENIED,
                obj=request,
                action="letter_referral",
                unit=unit.pk,
                partner=partner,
            )
            target = None
        moved = kind == "referred" and (target is not None or unit is None) and _refer(request, target, officer)
        return Change(
            f"letter_{kind}",
            event=events.letter_event_recorded,
            comment=text,
            kind=AuditEvent.Kind.STATE_CHANGE if moved else AuditEvent.Kind.OTHER,
            unit_id=target.pk if target else None,
            event_kwargs={
                "kind": kind,
                "moved": moved,
                "letter_number": letter_number,
                "text": text,
                "unit_name": target.name if target else unit_name,
                "officer_name": display_name(officer) or officer_name,
            },
        )

    return _transition(service_request, change, lock_process=True)


def _may_route_to(request: ServiceRequest, unit: OrganizationalUnit | None, partner_unit_codes) -> bool:
    """A referral may name a unit on the request's pinned plan or on the partner's own list."""
    if unit is None:
        return True
    return unit.pk in {stage.unit_id for stage in request.stages} or unit.code in set(partner_unit_codes or ())


def _active_user(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username, is_active=True).first()


def _stage_of_unit(request: ServiceRequest, unit_id: int) -> int | None:
    """The plan's stage held by this unit: the current one if it is, else the first such stage."""
    if request.stage and request.stage.unit_id == unit_id:
        return request.stage_index
    for index, stage in enumerate(request.stages):
        if stage.unit_id == unit_id:
            return index
    return None


def _refer(request: ServiceRequest, unit: OrganizationalUnit | None, officer) -> bool:
    """Move the open task to `unit` (and `officer`, if they may take it there). False if nothing moved.

    Only a request with a task waiting for an officer can move; one that waits for the citizen or is
    finished keeps its place (the referral is still recorded on its timeline).
    """
    task = open_task(request)
    if task is None or not request.is_open:
        return False
    task_unit = task_unit_id(task)
    if unit is None and officer is not None:  # an officer named alone: within the task's unit
        unit = OrganizationalUnit.objects.filter(pk=task_unit).first()
    if unit is None:
        return False
    if request.status == RequestStatus.IN_REVIEW:
        index = _stage_of_unit(request, unit.pk)
        if index is not None and index != request.stage_index:
            request.stage_index = index
            request.stage_due = due_date_for(timezone.now(), request.stage.deadline_days)
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
    return True
