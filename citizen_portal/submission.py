"""The one path from a validated apply/counter form to workflows.services.submit_request."""

from __future__ import annotations

from workflows import services
from workflows.models import ServiceRequest

from . import receipts
from .forms import ApplyForm


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
    receipts.issue_receipt(service_request)
    return service_request
