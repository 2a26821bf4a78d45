from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    label = "correspondence"
    verbose_name = _("Office automation and partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import letters  # noqa: F401  (registers the "letter" outbox channel)
