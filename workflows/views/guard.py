"""One object-permission check in front of every URL Viewflow generates for a process or task.

Viewflow's own views check the flow's permission, not always the object's (the flow chart checks
none, the task wrappers load the task by its id alone and take the lock on the process id of the
URL). Every raw URL with a `process_pk` therefore goes through `guarded`: the task must belong to
that very process (else 404, before any lock is taken), and the user must be allowed to see the
task's own process (else an audited 403). A URL Viewflow adds later is covered by construction.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver

from core import audit
from core.models import AuditEvent


def guarded(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            _check(request, process_pk, kwargs.get("task_pk"))
        return view(request, *args, **kwargs)

    wrapper.desk_guarded = True
    return wrapper


def _check(request, process_pk: int, task_pk: int | None) -> None:
    from viewflow.workflow.models import Task

    from ..flows import RequestFlow
    from ..models import RequestProcess

    process = RequestProcess.objects.filter(pk=process_pk).select_related("request").first()
    if process is None:
        raise Http404
    if task_pk is not None and not Task.objects.filter(pk=task_pk, process_id=process.pk).exists():
        raise Http404
    if not RequestFlow.instance.has_view_permission(request.user, obj=process):
        audit.record(
            AuditEvent.Kind.PERMISSION_DENIED,
            actor=request.user,
            obj=process.request,
            request=request,
            action="flow_url",
            path=request.path,
        )
        raise PermissionDenied


def guard_patterns(patterns) -> None:
    """Wrap, in place, every view under `patterns` whose URL names a process."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guard_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and not getattr(pattern.callback, "desk_guarded", False):
            pattern.callback = guarded(pattern.callback)
