"""Every sign-in, sign-out, failed sign-in and lockout becomes an audit event with the client's address."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from core import audit
from core.models import AuditEvent

from .session import start_session_clock


def _account(username: str | None):
    """The account a username names, or None: an attempted name is never stored (it may be a password)."""
    if not username:
        return None
    return get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()


@receiver(user_logged_in, dispatch_uid="staff_auth_login")
def record_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
    audit.record(AuditEvent.Kind.LOGIN, actor=user, obj=user, request=request, path=_path(request))


@receiver(user_logged_out, dispatch_uid="staff_auth_logout")
def record_logout(sender, request, user, **kwargs):
    if user is None:
        return
    reason = getattr(request, "staff_auth_logout_reason", "") or "user"
    audit.record(AuditEvent.Kind.LOGOUT, actor=user, obj=user, request=request, reason=reason)


@receiver(user_login_failed, dispatch_uid="staff_auth_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs):
    account = _account((credentials or {}).get("username"))
    audit.record(
        AuditEvent.Kind.LOGIN_FAILED,
        obj=account,
        request=request,
        path=_path(request),
        known_account=account is not None,
        locked_out=bool(getattr(request, "axes_locked_out", False)),
    )


@receiver(user_locked_out, dispatch_uid="staff_auth_locked_out")
def record_lockout(sender, request, username=None, ip_address=None, **kwargs):
    account = _account(username)
    audit.record(
        AuditEvent.Kind.LOCKOUT,
        obj=account,
        request=request,
        path=_path(request),
        known_account=account is not None,
    )


def _path(request) -> str:
    return getattr(request, "path", "")[:200] if request is not None else ""
