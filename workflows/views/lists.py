"""Inbox, unit queue, archive and the request list: Viewflow's list views, scoped and sortable
by due date and service, filterable by service, overdue and a due-date range."""

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views import generic
from viewflow.utils import viewprop
from viewflow.views import ListModelView
from viewflow.workflow.flow.views import FlowArchiveListView, FlowInboxListView, FlowQueueListView
from viewflow.workflow.flow.views.mixins import StoreRequestPathMixin
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cms.models import ServiceGuidePage
from core.dates import format_jalali, parse_date_input
from core.people import display_name
from core.templatetags.persian import fa_digits

from ..models import RequestProcess, overdue_q
from ..permissions import visible_requests

REQ = "process__requestprocess__request"
TASK_RELATED = (f"{REQ}__guide", f"{REQ}__current_unit", f"{REQ}__current_officer")


def _request_of(task):
    return task.process.requestprocess.request


def _due_cell(service_request):
    """The stage's due date of an open request, flagged when it is overdue."""
    if not service_request.is_open or service_request.stage_due is None:
        return ""
    day = format_jalali(service_request.stage_due)
    if service_request.is_overdue:
        return format_html('<span class="desk-overdue" title="{}">⚠ {}</span>', _("Overdue"), day)
    return day


class JalaliOrIsoDateField(forms.DateField):
    """A date typed as ISO or Jalali, with Persian, Arabic-Indic or ASCII digits."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        parsed = parse_date_input(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class JalaliOrIsoDateFilter(django_filters.DateFilter):
    field_class = JalaliOrIsoDateField


def _overdue_choices():
    return (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class TaskFilter(django_filters.FilterSet):
    service = django_filters.ModelChoiceFilter(
        label=_("Service"), field_name=f"{REQ}__guide", queryset=ServiceGuidePage.objects.order_by("title")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=_overdue_choices())
    )
    due_after = JalaliOrIsoDateFilter(
        label=_("Due on or after"),
        field_name=f"{REQ}__stage_due",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    due_before = JalaliOrIsoDateFilter(
        label=_("Due on or before"),
        field_name=f"{REQ}__stage_due",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Task
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_q(prefix=REQ)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class _TaskColumns:
    columns = ("tracking", "service", "task_title", "unit", "due", "submitted")
    filterset_class = TaskFilter
    ordering = (f"{REQ}__stage_due", "created")

    def tracking(self, task):
        url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
        return format_html('<a href="{}"><bdi dir="ltr">{}</bdi></a>', url, fa_digits(str(_request_of(task))))

    tracking.short_description = _("Tracking code")
    tracking.orderby_column = f"{REQ}__tracking_code"

    def task_title(self, task):
        return task.flow_task.task_title

    task_title.short_description = _("Task")

    def service(self, task):
        return _request_of(task).guide.title

    service.short_description = _("Service")
    service.orderby_column = f"{REQ}__guide__title"

    def unit(self, task):
        unit = _request_of(task).current_unit
        return unit.name if unit else ""

    unit.short_description = _("Unit")

    def due(self, task):
        return _due_cell(_request_of(task))

    due.short_description = _("Due")
    due.orderby_column = f"{REQ}__stage_due"

    def submitted(self, task):
        return format_jalali(_request_of(task).submitted_at)

    submitted.short_description = _("Submitted")
    submitted.orderby_column = f"{REQ}__submitted_at"


class InboxView(_TaskColumns, FlowInboxListView):
    title = _("My inbox")

    @viewprop
    def queryset(self):
        return Task.objects.filter(
            process__flow_class=self.flow_class, owner=self.request.user, status=STATUS.ASSIGNED
        ).select_related("process", *TASK_RELATED)


class QueueView(_TaskColumns, FlowQueueListView):
    title = _("Unit queue")

    @viewprop
    def queryset(self):
        return (
            Task.objects.user_queue(self.request.user, flow_class=self.flow_class)
            .filter(status=STATUS.NEW)
            .select_related("process", *TASK_RELATED)
        )


class ArchiveView(_TaskColumns, FlowArchiveListView):
    title = _("Archive")
    columns = ("tracking", "service", "task_title", "unit", "submitted")

    @viewprop
    def queryset(self):
        # Only what the user may still read: an officer's old tasks drop out when their access period ends.
        return (
            Task.objects.user_archive(self.request.user, flow_class=self.flow_class)
            .filter(**{f"{REQ}__in": visible_requests(self.request.user).values("pk")})
            .select_related("process", *TASK_RELATED)
        )


class RequestFilter(django_filters.FilterSet):
    service = django_filters.ModelChoiceFilter(
        label=_("Service"), field_name="request__guide", queryset=ServiceGuidePage.objects.order_by("title")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), field_name="request__status")

    class Meta:
        model = RequestProcess
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        from ..enums import RequestStatus

        super().__init__(*args, **kwargs)
        self.filters["status"].extra["choices"] = RequestStatus.choices


class RequestListView(StoreRequestPathMixin, ListModelView):
    """Every request the user may see: their units' (now or before), or all for managers."""

    flow_class = None
    model = RequestProcess
    title = _("Requests")
    template_name = "viewflow/workflow/process_list.html"
    columns = ("tracking", "service", "status", "unit", "officer", "due", "submitted")
    filterset_class = RequestFilter
    ordering = ("request__stage_due",)

    @viewprop
    def queryset(self):
        return RequestProcess.objects.filter(
            request__in=visible_requests(self.request.user).values("pk")
        ).select_related("request__guide", "request__current_unit", "request__current_officer")

    def tracking(self, process):
        url = self.flow_class.instance.reverse("process_detail", args=[process.pk])
        return format_html('<a href="{}"><bdi dir="ltr">{}</bdi></a>', url, fa_digits(str(process.request)))

    tracking.short_description = _("Tracking code")
    tracking.orderby_column = "request__tracking_code"

    def service(self, process):
        return process.request.guide.title

    service.short_description = _("Service")
    service.orderby_column = "request__guide__title"

    def status(self, process):
        return process.request.get_status_display()

    status.short_description = _("Status")
    status.orderby_column = "request__status"

    def unit(self, process):
        unit = process.request.current_unit
        return unit.name if unit else ""

    unit.short_description = _("Unit")

    def officer(self, process):
        return display_name(process.request.current_officer)

    officer.short_description = _("Officer")

    def due(self, process):
        return _due_cell(process.request)

    due.short_description = _("Due")
    due.orderby_column = "request__stage_due"

    def submitted(self, process):
        return format_jalali(process.request.submitted_at)

    submitted.short_description = _("Submitted")
    submitted.orderby_column = "request__submitted_at"


class InboxRedirectView(generic.View):
    """The app's front page is the inbox (Viewflow's dashboard would list every process)."""

    flow_class = None
    viewset = None

    def get(self, request, *args, **kwargs):
        return redirect(self.viewset.reverse("inbox"))
