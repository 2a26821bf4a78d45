"""The officers' frontend: Viewflow's Site with one application for the request flow."""

from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site
from viewflow.workflow.flow import FlowAppViewset

from .flows import RequestFlow
from .permissions import is_staff_member
from .views import lists
from .views.requests import RequestDetailView


class RequestsApp(FlowAppViewset):
    title = _("Requests")
    icon = "assignment"

    dashboard_view_class = lists.InboxRedirectView
    inbox_view_class = lists.InboxView
    queue_view_class = lists.QueueView
    archive_view_class = lists.ArchiveView
    process_list_view_class = lists.RequestListView
    process_detail_view_class = RequestDetailView
    # Raw engine views bypass workflows.services: cancelling has its own view, bulk actions are off.
    process_cancel_path = None
    task_list_path = None
    tasks_assign_path = None
    tasks_unassign_path = None

    def has_view_permission(self, user, obj=None) -> bool:
        # Anonymous visitors reach the views, which send them to the login page.
        return not user.is_authenticated or is_staff_member(user)


class DeskSite(Site):
    title = _("Service desk: officers")


site = DeskSite(viewsets=[RequestsApp(RequestFlow)])
