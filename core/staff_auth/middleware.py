"""Session limits for signed-in accounts, and the second factor on the staff prefixes."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import policy, session
from .views import with_next


class StaffSessionMiddleware:
    """Signs an account out after DESK_STAFF_SESSION_IDLE_MINUTES idle or DESK_STAFF_SESSION_MAX_HOURS in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = session.expiry_reason(request.session)
            if reason:
                request.staff_auth_logout_reason = reason
                logout(request)
                messages.info(request, _("Your session ended; please sign in again."))
            else:
                session.touch(request.session)
        return self.get_response(request)


class StaffMFAMiddleware:
    """On DESK_MFA_PROTECTED_PREFIXES a signed-in account must have passed its second factor (or enrol first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if policy.is_protected(path) and not policy.is_sign_in_page(path):
            user = request.user
            if user.is_authenticated and not user.is_verified() and not policy.may_defer_enrolment(user):
                target = "staff_mfa_verify" if user_has_device(user) else "staff_mfa_enrol"
                return redirect(with_next(target, request.get_full_path()))
        return self.get_response(request)
