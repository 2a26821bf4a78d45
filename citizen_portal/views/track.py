"""Tracking: look-up, status page, uploading requested documents, survey and review."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from workflows import services
from workflows.enums import OPEN_STATUSES, RequestStatus
from workflows.models import ServiceRequest
from workflows.tracking import normalize_tracking_code

from .. import access, conf
from ..forms import DocumentsForm, ReviewForm, SurveyForm, TrackForm
from ..models import SatisfactionSurvey
from ..text import clean_free_text
from ..tracking_lookup import GENERIC_ERROR, lookup
from .guards import body_size_limited, denials_limited, no_access

CLOSED_STATUSES = (RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.CLOSED)
WITHDRAW_REASON_MAX_LENGTH = 1000


class WithdrawForm(forms.Form):
    """The citizen's withdrawal: an optional reason, and an explicit confirmation so it is never a misclick."""

    reason = forms.CharField(
        label=gettext_lazy("Why are you withdrawing? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": WITHDRAW_REASON_MAX_LENGTH}),
        max_length=WITHDRAW_REASON_MAX_LENGTH * 2,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that a withdrawn request cannot be continued."),
        error_messages={"required": gettext_lazy("Confirm that you want to withdraw the request.")},
    )

    def clean_reason(self) -> str:
        return clean_free_text(self.cleaned_data.get("reason", ""), max_length=WITHDRAW_REASON_MAX_LENGTH)


def can_withdraw(service_request: ServiceRequest) -> bool:
    """Only a request still being handled can be withdrawn (the service function has the last word)."""
    return service_request.status in OPEN_STATUSES


@require_http_methods(["GET", "POST"])
def track(request):
    status = 200
    error = ""
    retry_after = 0
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_valid():
            result = lookup(request, form.cleaned_data["tracking_code"], form.cleaned_data["national_id"])
            if result.service_request is not None:
                access.grant(request, result.service_request.tracking_code)
                return redirect("citizen_portal:status", tracking_code=result.service_request.tracking_code)
            if result.refused:
                error, status, retry_after = result.refusal_message, 429, result.retry_after
            else:
                error, status = GENERIC_ERROR, 400
        else:
            error, status = GENERIC_ERROR, 400
    else:
        form = TrackForm()
    response = render(request, "citizen_portal/track.html", {"form": form, "error": error}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _accessible(request, tracking_code: str) -> ServiceRequest | None:
    code = normalize_tracking_code(tracking_code)
    if not code or not access.has_session_access(request, code):
        return None
    return (
        ServiceRequest.objects.select_related("guide", "current_unit", "current_officer")
        .filter(tracking_code=code)
        .first()
    )


def survey_state(service_request: ServiceRequest) -> dict:
    survey = SatisfactionSurvey.objects.filter(service_request=service_request).first()
    closed = service_request.status in CLOSED_STATUSES
    window_end = None
    if service_request.closed_at:
        window_end = service_request.closed_at + dt.timedelta(days=int(conf.get("PORTAL_REVIEW_WINDOW_DAYS")))
    can_review = bool(
        survey
        and survey.is_dissatisfied
        and survey.review_requested_at is None
        and service_request.status in (RequestStatus.APPROVED, RequestStatus.REJECTED)
        and (window_end is None or timezone.now() <= window_end)
    )
    return {
        "survey": survey,
        "survey_open": closed and survey is None,
        "can_review": can_review,
        "review_until": window_end,
    }


@denials_limited
@body_size_limited
def status(request, tracking_code: str):
    service_request = _accessible(request, tracking_code)
    if service_request is None:
        return no_access(request)
    keys = services.requested_document_keys(service_request)
    documents_form = None
    http_status = 200
    if keys:
        if request.method == "POST":
            documents_form = DocumentsForm(request.POST, request.FILES, guide=service_request.guide, keys=keys)
            if documents_form.is_valid():
                try:
                    services.provide_documents(service_request, documents_form.files_by_key())
                except services.ServiceError as error:
                    documents_form.add_error(None, error.message)
                else:
                    return redirect("citizen_portal:status", tracking_code=service_request.tracking_code)
            http_status = 400
        else:
            documents_form = DocumentsForm(guide=service_request.guide, keys=keys)
    elif request.method == "POST":
        http_status = 400
    context = {
        "sr": service_request,
        "view": services.citizen_view(service_request),
        "documents_form": documents_form,
        **survey_state(service_request),
        **_withdraw_state(service_request),
    }
    return render(request, "citizen_portal/status.html", context, status=http_status)


def _withdraw_state(service_request: ServiceRequest, form: WithdrawForm | None = None, error: str = "") -> dict:
    allowed = can_withdraw(service_request)
    return {
        "can_withdraw": allowed,
        "withdraw_form": (form or WithdrawForm()) if allowed else None,
        "withdraw_error": error,
    }


@denials_limited
@require_POST
def withdraw(request, tracking_code: str):
    """Withdraw from the status page; the same session access as the page itself."""
    service_request = _accessible(request, tracking_code)
    if service_request is None:
        return no_access(request)
    form = WithdrawForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.withdraw_request(service_request, reason=form.cleaned_data["reason"])
        except services.ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your request was withdrawn."))
            return redirect("citizen_portal:status", tracking_code=service_request.tracking_code)
    service_request.refresh_from_db()
    keys = services.requested_document_keys(service_request)
    context = {
        "sr": service_request,
        "view": services.citizen_view(service_request),
        "documents_form": DocumentsForm(guide=service_request.guide, keys=keys) if keys else None,
        **survey_state(service_request),
        **_withdraw_state(service_request, form, error),
    }
    return render(request, "citizen_portal/status.html", context, status=409 if error else 400)


@denials_limited
@require_http_methods(["GET", "POST"])
def survey(request, tracking_code: str):
    service_request = _accessible(request, tracking_code)
    if service_request is None:
        return no_access(request)
    state = survey_state(service_request)
    if not state["survey_open"]:
        return redirect("citizen_portal:status", tracking_code=service_request.tracking_code)
    http_status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    SatisfactionSurvey.objects.create(service_request=service_request, **form.cleaned_data)
            except IntegrityError:  # answered already (double submit)
                pass
            return redirect("citizen_portal:status", tracking_code=service_request.tracking_code)
        http_status = 400
    else:
        form = SurveyForm()
    return render(request, "citizen_portal/survey.html", {"sr": service_request, "form": form}, status=http_status)


@denials_limited
@require_POST
def request_review(request, tracking_code: str):
    service_request = _accessible(request, tracking_code)
    if service_request is None:
        return no_access(request)
    state = survey_state(service_request)
    form = ReviewForm(request.POST)
    if not state["can_review"] or not form.is_valid():
        context = {"sr": service_request, "view": services.citizen_view(service_request), "review_form": form, **state}
        if not state["can_review"]:
            context["review_error"] = _("A review can no longer be requested for this request.")
        return render(request, "citizen_portal/status.html", context, status=400)
    with transaction.atomic():
        survey_row = get_object_or_404(SatisfactionSurvey.objects.select_for_update(), pk=state["survey"].pk)
        if survey_row.review_requested_at is None:
            services.reopen_for_review(service_request, reason=form.cleaned_data["reason"])
            survey_row.review_requested_at = timezone.now()
            survey_row.review_reason = form.cleaned_data["reason"]
            survey_row.save(update_fields=["review_requested_at", "review_reason"])
    return redirect("citizen_portal:status", tracking_code=service_request.tracking_code)
