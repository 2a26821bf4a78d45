"""The one path from a validated apply/counter form to workflows.services.submit_request."""

from __future__ import annotations

import logging

from django.db import DatabaseError

from workflows import services
from workflows.models import ServiceRequest

from . import receipts
from .forms import ApplyForm

logger = logging.getLogger(__name__)


def submit(form: ApplyForm, *, channel: str, actor=None, letter_number: str = "", letter_date=None) -> ServiceRequest:
    """Submit a valid form; raises services.ServiceError with a user-facing message."""
    files = form.files_for_submission()
    try:
        service_request = services.submit_request(
            guide=form.guide,
            applicant=services.ApplicantData(**form.applicant_kwargs()),
            files=files,
            channel=channel,
            actor=actor,
            letter_number=letter_number,
            letter_date=letter_date,
        )
    finally:
        for upload in files.values():
            if upload not in form.accepted.values():
                upload.close()
    form.discard_staging()
    # The request is committed at this point: a failure to sign the receipt now (e.g. the database
    # dropping the connection) must not turn an acknowledged submission into an error. The receipt
    # is issued idempotently from the request's own submission time when it is first viewed.
    try:
        receipts.issue_receipt(service_request)
    except DatabaseError:
        logger.warning("receipt for request %s not issued at submission; it will be on first view", service_request.pk)
    return service_request
