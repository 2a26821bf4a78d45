"""The flow's building blocks: a human task held by an organisational unit (only its officers and
head may take it), and the rules the flow asks when it creates one (which unit's queue, which
permission, which officer)."""

from django.urls import path
from viewflow.workflow import flow
from viewflow.workflow.flow import utils

from cms.models import OrganizationalUnit

from .models import ServiceRequest
from .permissions import UNIT_PERMISSION, may_hold_task, stage_permission


class UnitTask(flow.View):
    """flow.View whose claim view explains a lost race instead of answering 403."""

    def __init__(self, view, **kwargs):
        super().__init__(view, **kwargs)
        from .views.tasks import ClaimTaskView, UnclaimTaskView

        self.assign_view_class = ClaimTaskView
        self.unassign_view_class = UnclaimTaskView

    @property
    def assign_path(self):
        # Permission is checked inside ClaimTaskView, under the flow lock, with a clear message.
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/assign/",
            utils.wrap_task_view(self, self.assign_view),
            name="assign",
        )

    def can_assign(self, user, task) -> bool:
        return not task.owner_id and may_hold_task(user, task)


def unit_of_request(process) -> OrganizationalUnit | None:
    """The unit whose queue a new task lands in (the request's current unit)."""
    unit_id = ServiceRequest.objects.filter(processes__pk=process.pk).values_list("current_unit_id", flat=True).first()
    return OrganizationalUnit.objects.filter(pk=unit_id).first() if unit_id else None


def review_permission(activation) -> str:
    """A stage whose plan requires the unit head's role is for heads only."""
    request = ServiceRequest.objects.filter(processes__pk=activation.process.pk).first()
    return stage_permission(request) if request else UNIT_PERMISSION


def preassigned_officer(activation):
    """Owner for a new review task: set only when a request is reopened to the unit head."""
    request = (
        ServiceRequest.objects.filter(processes__pk=activation.process.pk).select_related("current_officer").first()
    )
    return request.current_officer if request else None
