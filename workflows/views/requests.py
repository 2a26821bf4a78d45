"""The request page (applicant, documents, timeline, deadlines) and its permission-checked downloads."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from viewflow.workflow.flow.views import DetailProcessView
from viewflow.workflow.status import STATUS

from core import audit, preview
from core.models import AuditEvent

from .. import panels, services
from ..forms import AssignForm, CancelForm
from ..models import RequestDocument, ServiceRequest
from ..permissions import CANCEL, can_view_request, headed_unit_ids, task_unit_id


def _deny(request, obj, action: str):
    audit.record(AuditEvent.Kind.PERMISSION_DENIED, actor=request.user, obj=obj, request=request, action=action)
    raise PermissionDenied


def request_page_url(service_request: ServiceRequest) -> str:
    from ..flows import RequestFlow

    return RequestFlow.instance.reverse("process_detail", args=[service_request.process.pk])


class RequestDetailView(DetailProcessView):
    """Everything about one request; each opening is an audited read of personal data."""

    template_name = "workflows/request_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        process = self.get_object()
        if not self.flow_class.instance.has_view_permission(request.user, obj=process):
            _deny(request, process.request, "view_request")
        return super(DetailProcessView, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        process = context["process"]
        service_request = ServiceRequest.objects.select_related(
            "guide", "applicant", "current_unit", "current_officer"
        ).get(pk=process.request_id)
        user = self.request.user
        open_task = (
            process.task_set.filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED])
            .select_related("owner")
            .first()
        )
        task_unit = task_unit_id(open_task) if open_task else None
        audit.record(
            AuditEvent.Kind.PERSONAL_DATA_READ,
            actor=user,
            obj=service_request,
            request=self.request,
            view="request_detail",
        )
        context.update(
            service_request=service_request,
            applicant=service_request.applicant,
            documents=service_request.documents.all(),
            timeline=service_request.timeline.select_related("actor", "unit", "officer"),
            open_task=open_task,
            claim_url=open_task.flow_task.reverse("assign", args=[process.pk, open_task.pk]) if open_task else "",
            execute_url=open_task.flow_task.reverse("execute", args=[process.pk, open_task.pk]) if open_task else "",
            can_claim=bool(
                open_task and open_task.status == STATUS.NEW and open_task.flow_task.can_assign(user, open_task)
            ),
            can_execute=bool(open_task and open_task.owner_id == user.pk),
            assign_form=AssignForm(unit_id=task_unit, permission=open_task.owner_permission if open_task else "")
            if open_task and (task_unit in headed_unit_ids(user) or user.has_perm(CANCEL))
            else None,
            cancel_form=CancelForm() if service_request.is_open and user.has_perm(CANCEL) else None,
            extra_rows=panels.rows_for(service_request),
        )
        return context


class _RequestActionMixin:
    """Login, then visibility: both refusals are audited."""

    def get_service_request(self) -> ServiceRequest:
        if not self.request.user.is_authenticated:
            raise PermissionDenied
        service_request = get_object_or_404(ServiceRequest, pk=self.kwargs["request_pk"])
        if not can_view_request(self.request.user, service_request):
            _deny(self.request, service_request, self.audit_action)
        return service_request

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class DocumentDownloadView(_RequestActionMixin, generic.View):
    audit_action = "download_document"

    def get(self, request, request_pk: int, document_pk: int):
        service_request = self.get_service_request()
        document = get_object_or_404(RequestDocument, pk=document_pk, request=service_request)
        audit.record(
            AuditEvent.Kind.DOCUMENT_DOWNLOAD,
            actor=request.user,
            obj=service_request,
            request=request,
            document=document.pk,
        )
        extension = mimetypes.guess_extension(document.content_type or "") or ""
        response = FileResponse(
            document.file.open("rb"), as_attachment=True, filename=f"{document.key}-{document.pk}{extension}"
        )
        response["Content-Type"] = document.content_type or "application/octet-stream"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# Only pixels, our stylesheet and our own images: nothing in a previewed document can run.
PREVIEW_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
PREVIEW_KINDS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpeg"}


def _inert(response):
    """Headers of every preview response; the CSP middleware keeps a header already set."""
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DocumentPreviewView(_RequestActionMixin, generic.View):
    """The document inline, as images only: each PDF page rasterised by pdftoppm, images re-encoded."""

    audit_action = "preview_document"

    def get_document(self) -> tuple[ServiceRequest, RequestDocument, str]:
        service_request = self.get_service_request()
        document = get_object_or_404(RequestDocument, pk=self.kwargs["document_pk"], request=service_request)
        kind = PREVIEW_KINDS.get(document.content_type)
        if kind is None:
            raise Http404
        return service_request, document, kind

    def get(self, request, request_pk: int, document_pk: int):
        service_request, document, kind = self.get_document()
        pages = 1
        error = False
        if kind == "pdf":
            try:
                with document.file.open("rb") as handle:
                    pages = min(preview.pdf_page_count(handle.read()), preview.PREVIEW_MAX_PAGES)
            except preview.PreviewError:
                error = True
        page_urls = [
            reverse("workflows_document_preview_page", args=[service_request.pk, document.pk, number])
            for number in range(1, pages + 1)
        ]
        response = render(
            request,
            "workflows/document_preview.html",
            {
                "r": service_request,
                "document": document,
                "page_urls": page_urls,
                "error": error,
                "download_url": reverse("workflows_document_download", args=[service_request.pk, document.pk]),
            },
        )
        return _inert(response)


class DocumentPreviewPageView(DocumentPreviewView):
    """One page of the preview as an image; each page served is recorded as a read of the document."""

    def get(self, request, request_pk: int, document_pk: int, page: int):
        service_request, document, kind = self.get_document()
        if not 1 <= page <= preview.PREVIEW_MAX_PAGES:
            raise Http404
        audit.record(
            AuditEvent.Kind.DOCUMENT_DOWNLOAD,
            actor=request.user,
            obj=service_request,
            request=request,
            document=document.pk,
            preview_page=page,
        )
        with document.file.open("rb") as handle:
            data = handle.read()
        try:
            if kind == "pdf":
                image, content_type = preview.pdf_page_png(data, page), "image/png"
            else:
                image, content_type = preview.image_inline(data, kind), document.content_type
        except preview.PreviewError:
            raise Http404
        response = HttpResponse(image, content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{document.key}-{document.pk}-{page}.{kind}"'
        return _inert(response)


class LetterDownloadView(_RequestActionMixin, generic.View):
    audit_action = "download_letter"

    def get(self, request, request_pk: int):
        service_request = self.get_service_request()
        if not service_request.decision_letter:
            raise Http404
        audit.record(
            AuditEvent.Kind.DOCUMENT_DOWNLOAD,
            actor=request.user,
            obj=service_request,
            request=request,
            document="letter",
        )
        return FileResponse(
            service_request.decision_letter.open("rb"),
            as_attachment=True,
            filename=f"letter-{service_request.tracking_code}.pdf",
            content_type="application/pdf",
        )


class AssignRequestView(_RequestActionMixin, generic.View):
    audit_action = "assign"

    def post(self, request, request_pk: int):
        service_request = self.get_service_request()
        task = services.open_task(service_request)
        unit_id = task_unit_id(task) if task else None
        form = AssignForm(request.POST, unit_id=unit_id, permission=task.owner_permission if task else "")
        if not form.is_valid():
            messages.error(request, _("Choose an officer of this unit."))
            return HttpResponseRedirect(request_page_url(service_request))
        try:
            services.assign_task(service_request, form.cleaned_data["officer"], by=request.user, http_request=request)
        except PermissionError:
            _deny(request, service_request, "assign")
        except services.ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The request was assigned."))
        return HttpResponseRedirect(request_page_url(service_request))


class CancelRequestView(_RequestActionMixin, generic.View):
    audit_action = "cancel"

    def post(self, request, request_pk: int):
        service_request = self.get_service_request()
        if not request.user.has_perm(CANCEL):
            _deny(request, service_request, "cancel")
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["reason"][0])
            return HttpResponseRedirect(request_page_url(service_request))
        try:
            services.cancel_request(
                service_request, actor=request.user, reason=form.cleaned_data["reason"], http_request=request
            )
        except services.ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The request was cancelled."))
        return HttpResponseRedirect(request_page_url(service_request))
