"""Registering a request (online, counter, paper, API) with its files, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import due_date_for
from core.storage import private_storage

from .. import events
from ..models import Applicant, RequestDocument, ServiceRequest
from ..routing import stages_of
from ..tracking import new_tracking_code
from ._core import ServiceError, record, request_flow, send, unit_exists, user_or_none


@dataclass
class ApplicantData:
    national_id: str
    first_name: str
    last_name: str
    mobile: str
    email: str = ""


def intake_working_days() -> int:
    return int(getattr(settings, "DESK_INTAKE_WORKING_DAYS", 2))


def check_routing_plan(snapshot: list[dict]) -> None:
    """A plan is usable only if it has stages and every stage's unit still exists."""
    stages = stages_of(snapshot)
    if not stages:
        raise ServiceError(_("This service has no routing plan yet; it cannot accept requests."))
    for stage in stages:
        if not unit_exists(stage.unit_id):
            raise ServiceError(
                _(
                    "The stage “%(title)s” points at a unit that no longer exists. The editors must fix the routing plan."
                )
                % {"title": stage.title}
            )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store_files(service_request: ServiceRequest, files: dict, round_: int, stored: list[str]) -> None:
    """Save each upload as a document of the request; `stored` collects names for clean-up on failure."""
    for key, upload in files.items():
        document = RequestDocument(
            request=service_request,
            key=key,
            original_name=(getattr(upload, "name", "") or "")[:255],
            content_type=getattr(upload, "content_type", "") or "",
            size=upload.size or 0,
            # the hash of what the sender sent (images are stored re-encoded by the upload checks)
            sha256=getattr(upload, "original_sha256", "") or _sha256(upload),
            requested_round=round_,
        )
        document.file.save(upload.name or key, upload, save=False)
        stored.append(document.file.name)
        document.save()


def delete_stored(stored: list[str]) -> None:
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
    if intake is None or not unit_exists(intake.pk):
        raise ServiceError(_("This service has no intake unit; it cannot accept requests."))
    now = timezone.now()
    total_days = guide.max_days or sum(stage.working_days for stage in stages_of(snapshot))
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
                registered_by=user_or_none(actor),
            )
            store_files(service_request, files, 0, stored)
            record(service_request, "submitted", actor=actor)
            request_flow().start.run(service_request=service_request)
            send(events.request_submitted, service_request, actor=user_or_none(actor))
    except BaseException:
        delete_stored(stored)
        raise
    return service_request
