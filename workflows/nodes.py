"""A human task held by an organisational unit: only its officers and head may take it."""

from django.urls import path
from viewflow.workflow import flow
from viewflow.workflow.flow import utils

from cms.models import OrganizationalUnit

from .permissions import UNIT_PERMISSION


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
        if task.owner_id or user is None or not user.is_authenticated:
            return False
        unit = OrganizationalUnit.objects.filter(pk=task.owner_permission_obj_pk).first()
        return unit is not None and user.has_perm(task.owner_permission or UNIT_PERMISSION, unit)
