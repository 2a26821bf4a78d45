"""Second-factor pages: enrol an authenticator (QR code + recovery codes) and verify a code after sign-in."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import audit
from core.models import AuditEvent
from core.qr import qr_data_uri

from .forms import TokenForm

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _verified(request, device) -> None:
    """Mark the session as having passed the second factor; a new session key for the higher privilege."""
    otp_login(request, device)
    request.session.cycle_key()


def _grouped(secret_b32: str) -> str:
    return " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4))


class EnrolView(LoginRequiredMixin, View):
    """Show a new TOTP secret as a QR code; a correct code from the app confirms it and issues recovery codes."""

    template_name = "staff_auth/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user):
            # Replacing an authenticator is an administrator's job (docs/deploy.md); sign-in goes to verify.
            return redirect(with_next("staff_mfa_verify", _next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def _pending(self, request) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
        return device or TOTPDevice.objects.create(user=request.user, name=AUTHENTICATOR, confirmed=False)

    def _page(self, request, form, device, status=200):
        from base64 import b32encode

        secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
        context = {
            "form": form,
            "qr": qr_data_uri(device.config_url),
            "secret": _grouped(secret),
            "next": _next_url(request),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._page(request, TokenForm(), self._pending(request))

    def post(self, request):
        device = self._pending(request)
        form = TokenForm(request.POST)
        if not (form.is_valid() and device.verify_token(form.cleaned_data["otp_token"])):
            audit.record(
                AuditEvent.Kind.MFA_FAILED, actor=request.user, obj=request.user, request=request, step="enrol"
            )
            form.add_error(
                "otp_token", _("That code is not right. Check the time on your phone and try the newest code.")
            )
            return self._page(request, form, device, status=400)
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = issue_recovery_codes(request.user)
        _verified(request, device)
        audit.record(AuditEvent.Kind.MFA_ENROLLED, actor=request.user, obj=request.user, request=request)
        return render(request, "staff_auth/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


def issue_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes with new single-use ones and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.DESK_MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


class VerifyView(LoginRequiredMixin, View):
    """After the password: a code from the authenticator app, or one recovery code (each works once)."""

    template_name = "staff_auth/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_has_device(request.user):
            return redirect(with_next("staff_mfa_enrol", _next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.user.is_verified():
            return redirect(_next_url(request))
        return render(request, self.template_name, {"form": TokenForm(), "next": _next_url(request)})

    def post(self, request):
        form = TokenForm(request.POST)
        device = None
        if form.is_valid():
            token = form.cleaned_data["otp_token"]
            # TOTP first (digits only), then the recovery codes; each device applies its own throttling.
            with transaction.atomic():
                for candidate in devices_for_user(request.user, confirmed=True, for_verify=True):
                    if candidate.verify_token(token):
                        device = candidate
                        break
        if device is None:
            audit.record(
                AuditEvent.Kind.MFA_FAILED, actor=request.user, obj=request.user, request=request, step="verify"
            )
            form.add_error(
                None, _("That code is not right, or too many codes were tried: wait a little and try the newest code.")
            )
            return render(request, self.template_name, {"form": form, "next": _next_url(request)}, status=400)
        _verified(request, device)
        audit.record(
            AuditEvent.Kind.MFA_VERIFIED,
            actor=request.user,
            obj=request.user,
            request=request,
            method="recovery_code" if isinstance(device, StaticDevice) else "totp",
        )
        return redirect(_next_url(request))
