from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Service guides")

    def ready(self) -> None:
        from cms.history import register_versioned_models

        register_versioned_models()
        self._connect_page_cache()

    @staticmethod
    def _connect_page_cache() -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from cms.page_cache import content_changed

        for signal in (page_published, page_unpublished, post_save, post_delete):
            signal.connect(content_changed, dispatch_uid=f"cms-page-cache-{id(signal)}")
