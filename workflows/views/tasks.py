"""The forms officers fill in on a task, and claiming/unclaiming a task."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from viewflow.workflow.flow.views.mixins import SuccessMessageMixin, TaskSuccessUrlMixin

from core import audit
from core.models import AuditEvent

from .. import services
from ..forms import DecisionForm, IntakeForm


def _request_page(activation) -> str:
    return activation.flow_task.flow_class.instance.reverse("process_detail", args=[activation.process.pk])


class _TaskFormView(SuccessMessageMixin, TaskSuccessUrlMixin, generic.FormView):
    template_name = "workflows/task_form.html"
    success_message = _("Task {task} has been completed.")

    @property
    def service_request(self):
        return self.request.activation.process.request

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "service_request": self.service_request}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            service_request=self.service_request, request_page=_request_page(self.request.activation), **kwargs
        )

    def apply(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.apply(form)
                self.request.activation.execute()
        except services.ServiceError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return super().form_valid(form)


class CheckDocumentsView(_TaskFormView):
    form_class = IntakeForm

    def apply(self, form) -> None:
        services.record_intake(
            self.service_request,
            result=form.cleaned_data["result"],
            comment=form.cleaned_data["comment"],
            document_keys=form.cleaned_data["documents"],
            actor=self.request.user,
            http_request=self.request,
        )


class ReviewView(_TaskFormView):
    form_class = DecisionForm

    def apply(self, form) -> None:
        services.decide(
            self.service_request,
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
            document_keys=form.cleaned_data["documents"],
            actor=self.request.user,
            http_request=self.request,
        )


class ClaimTaskView(generic.FormView):
    """Take a task from the unit queue; a lost race gets a message, not an error page."""

    from django import forms as _forms

    form_class = _forms.Form
    template_name = "viewflow/workflow/task_assign.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        activation = request.activation
        task = activation.task
        if task.owner_id or task.status != "NEW":
            messages.error(request, services.ServiceError(_("Another officer has already taken this request.")).message)
            return HttpResponseRedirect(_request_page(activation))
        if not activation.flow_task.can_assign(request.user, task):
            audit.record(
                AuditEvent.Kind.PERMISSION_DENIED, actor=request.user, obj=task, request=request, action="claim"
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        activation = self.request.activation
        try:
            services.claim_task(activation, self.request.user, http_request=self.request)
        except services.ServiceError as error:
            messages.error(self.request, error.message)
            return HttpResponseRedirect(_request_page(activation))
        except PermissionError:
            raise PermissionDenied
        messages.success(self.request, _("The request is now yours."))
        task = activation.task
        return HttpResponseRedirect(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))


class UnclaimTaskView(generic.FormView):
    """Hand a task back to the unit queue."""

    from django import forms as _forms

    form_class = _forms.Form
    template_name = "viewflow/workflow/task_unassign.html"

    def form_valid(self, form):
        services.unclaim_task(self.request.activation, self.request.user, http_request=self.request)
        messages.success(self.request, _("The request is back in the unit queue."))
        return HttpResponseRedirect(_request_page(self.request.activation))
