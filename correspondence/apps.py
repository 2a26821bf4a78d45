from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    label = "correspondence"
    verbose_name = _("Office automation and partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The "letter" outbox channel, the domain-event receivers and the request-page row.
        from . import letters, receivers  # noqa: F401
