from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Connects the signals that keep the working-day calendar's holiday cache fresh.
        from . import calendar  # noqa: F401
