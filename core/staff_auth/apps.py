from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffAuthConfig(AppConfig):
    """No models: the devices are django-otp's, the attempts django-axes', the events core's audit log."""

    name = "core.staff_auth"
    label = "staff_auth"
    verbose_name = _("Staff sign-in")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
