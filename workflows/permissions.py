"""Who may see and handle which request.

Unit members get a per-object permission on their unit (django-guardian), so Viewflow's own
queue query (Task.objects.user_queue) shows each officer only the tasks of their units.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cms.enums import Role
from cms.models import OrganizationalUnit, UnitMembership

UNIT_PERMISSION_CODENAME = "handle_unit_requests"
UNIT_PERMISSION = f"cms.{UNIT_PERMISSION_CODENAME}"
HEAD_PERMISSION_CODENAME = "decide_as_unit_head"
HEAD_PERMISSION = f"cms.{HEAD_PERMISSION_CODENAME}"
VIEW_ALL = "workflows.view_all_requests"
CANCEL = "workflows.cancel_request"
REGISTER = "workflows.register_request"
RECORDS = "workflows.view_archive"
# The intake check's completing step: the intake desk's access ends with it (see visible_requests).
INTAKE_END_ACTION = "documents_complete"
# Everyone working in a unit handles its queue (clerks do the intake check at the front desk);
# stages whose plan asks for the head's role need the head permission as well.
HANDLING_ROLES = (Role.OFFICER, Role.HEAD, Role.CLERK)


def unit_permission(codename: str = UNIT_PERMISSION_CODENAME) -> Permission:
    """A per-unit permission: a row on the unit's content type, created on first use."""
    content_type = ContentType.objects.get_for_model(OrganizationalUnit)
    names = {
        UNIT_PERMISSION_CODENAME: "Can handle the requests of this unit",
        HEAD_PERMISSION_CODENAME: "Can decide as the head of this unit",
    }
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": names[codename]}
    )
    return permission


def sync_unit_permissions(unit: OrganizationalUnit) -> None:
    """Grant the unit permission to exactly its members, and the head permission to its heads."""
    members = set(UnitMembership.objects.filter(unit=unit, role__in=HANDLING_ROLES).values_list("user_id", flat=True))
    heads = set(UnitMembership.objects.filter(unit=unit, role=Role.HEAD).values_list("user_id", flat=True))
    if unit.head_id:
        members.add(unit.head_id)
        heads.add(unit.head_id)
    _sync(unit, unit_permission(UNIT_PERMISSION_CODENAME), members)
    _sync(unit, unit_permission(HEAD_PERMISSION_CODENAME), heads)


def _sync(unit: OrganizationalUnit, permission: Permission, wanted: set[int]) -> None:
    from guardian.models import UserObjectPermission

    existing = UserObjectPermission.objects.filter(
        permission=permission, content_type=permission.content_type, object_pk=str(unit.pk)
    )
    existing.exclude(user_id__in=wanted).delete()
    have = set(existing.values_list("user_id", flat=True))
    UserObjectPermission.objects.bulk_create(
        [
            UserObjectPermission(
                user_id=user_id, permission=permission, content_type=permission.content_type, object_pk=str(unit.pk)
            )
            for user_id in wanted - have
        ]
    )


def handling_unit_ids(user) -> set[int]:
    """Units whose requests this user works on (as officer or head)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_desk_unit_ids"):
        ids = set(UnitMembership.objects.filter(user=user, role__in=HANDLING_ROLES).values_list("unit_id", flat=True))
        ids |= set(OrganizationalUnit.objects.filter(head=user).values_list("pk", flat=True))
        user._desk_unit_ids = ids
    return user._desk_unit_ids


def headed_unit_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = set(UnitMembership.objects.filter(user=user, role=Role.HEAD).values_list("unit_id", flat=True))
    return ids | set(OrganizationalUnit.objects.filter(head=user).values_list("pk", flat=True))


def is_staff_member(user) -> bool:
    """May open the officers' side at all."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.has_perm(VIEW_ALL) or user.has_perm(RECORDS) or bool(handling_unit_ids(user))
    )


def former_access_days() -> int:
    return int(getattr(settings, "DESK_FORMER_UNIT_ACCESS_DAYS", 30))


def visible_requests(user, queryset: QuerySet | None = None) -> QuerySet:
    """The requests a staff user needs to see (one query, whatever the list size).

    - managers (view_all_requests): every request;
    - records staff (view_archive): every closed request;
    - a unit's members: what the unit holds now, and what the unit *acted on* (a timeline step at
      that unit with a staff actor: a claim, a decision, an assignment; automatic routing is not
      acting) while its last such step is less than DESK_FORMER_UNIT_ACCESS_DAYS old; the step that
      sends the request on is the unit's own, so the period runs from when the request left;
    - an officer personally: what they acted on, for the same period after their last step, so
      leaving the unit ends their access once the period has passed;
    - the intake desk (the clerk who registered it): until intake ends. Intake steps never count as
      "acted on", so the intake unit's access also ends with intake.
    """
    from .enums import OPEN_STATUSES
    from .models import ServiceRequest, TimelineEntry

    queryset = ServiceRequest.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.has_perm(VIEW_ALL):
        return queryset
    units = handling_unit_ids(user)
    cutoff = timezone.now() - dt.timedelta(days=former_access_days())
    actor_rule = Q(actor=user)
    if units:
        actor_rule |= Q(unit_id__in=units, actor__isnull=False)
    acted = TimelineEntry.objects.filter(
        actor_rule, request=OuterRef("pk"), at__gte=cutoff, stage_index__gte=0
    ).exclude(action=INTAKE_END_ACTION)
    rule = Exists(acted) | Q(registered_by=user, stage_index__lt=0, closed_at__isnull=True)
    if units:
        rule |= Q(current_unit_id__in=units)
    if user.has_perm(RECORDS):
        rule |= ~Q(status__in=OPEN_STATUSES)
    return queryset.filter(rule)


def can_view_request(user, service_request) -> bool:
    return visible_requests(user).filter(pk=service_request.pk).exists()


def may_hold_task(user, task) -> bool:
    """Whether `user` has the task's own permission on its unit (head-only stays head-only)."""
    unit_id = task_unit_id(task)
    if unit_id is None or user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    unit = OrganizationalUnit.objects.filter(pk=unit_id).first()
    return unit is not None and user.has_perm(task.owner_permission or UNIT_PERMISSION, unit)


def is_unit_head(user, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in headed_unit_ids(user)


def stage_permission(service_request) -> str:
    """The permission a stage's task needs: a stage whose plan says "unit head" is for heads only."""
    stage = service_request.stage
    return HEAD_PERMISSION if stage is not None and stage.heads_only else UNIT_PERMISSION


def task_unit_id(task) -> int | None:
    """The unit whose queue holds a Viewflow task (its owner_permission object), or None."""
    pk = getattr(task, "owner_permission_obj_pk", None) if task is not None else None
    return int(pk) if pk else None
