from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Service guides")

    def ready(self) -> None:
        from cms.history import register_versioned_models

        register_versioned_models()
