"""The one generic flow every service's routing plan runs through (see docs/adr)."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow
from viewflow.workflow.lock import SelectForUpdateLock

from . import services
from .models import RequestProcess
from .nodes import UnitTask, preassigned_officer, review_permission, unit_of_request
from .permissions import UNIT_PERMISSION
from .views.tasks import CheckDocumentsView, ReviewView


class RequestFlow(flow.Flow):
    process_class = RequestProcess
    process_title = _("Service request")
    process_description = _("A citizen's request, routed through the units of its service's plan.")
    # Blocking row lock: a second officer waits, then sees the first one's result.
    lock_impl = SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_request).Next(this.check_documents)

    check_documents = (
        UnitTask(CheckDocumentsView.as_view())
        .Annotation(title=_("Check documents"))
        .Permission(UNIT_PERMISSION, obj=unit_of_request)
        .Next(this.documents_complete)
    )
    documents_complete = flow.If(act.process.documents_complete).Then(this.enter_stage).Else(this.wait_for_citizen)

    wait_for_citizen = flow.Handle(this.receive_documents).Next(this.resume_after_upload)
    resume_after_upload = (
        flow.If(act.process.documents_were_asked_at_intake).Then(this.check_documents).Else(this.enter_stage)
    )

    enter_stage = flow.Function(this.route_to_unit).Next(this.review)
    review = (
        UnitTask(ReviewView.as_view())
        .Annotation(title=_("Review"))
        .Permission(review_permission, obj=unit_of_request)
        .Assign(preassigned_officer)
        .Next(this.route_decision)
    )
    route_decision = (
        flow.Switch()
        .Case(this.enter_stage, act.process.moves_between_stages)
        .Case(this.wait_for_citizen, act.process.needs_citizen_documents)
        .Default(this.issue_decision)
    )
    issue_decision = flow.Function(this.issue_letter).Next(this.end)
    end = flow.End()

    reopen = flow.StartHandle(this.start_request).Next(this.enter_stage)

    # --- node handlers: thin, the rules live in workflows.services ---
    def start_request(self, activation, service_request):
        activation.process.request = service_request
        return activation.process

    def receive_documents(self, activation):
        """Completed by services.provide_documents once the citizen has uploaded."""

    def route_to_unit(self, activation):
        services.enter_stage(activation.process.request)

    def issue_letter(self, activation):
        services.issue_decision(activation.process.request)

    # --- who may see the flow at all ---
    def has_view_permission(self, user, obj=None) -> bool:
        from .permissions import can_view_request, is_staff_member

        if obj is None:
            return is_staff_member(user)
        process = getattr(obj, "process", obj)  # a task is judged by its own process
        process = getattr(process, "requestprocess", process)
        request = getattr(process, "request", None)
        return request is not None and can_view_request(user, request)

    def has_manage_permission(self, user, obj=None) -> bool:
        # Cancelling, undoing and reassigning go through workflows.services, never the raw engine.
        return False
