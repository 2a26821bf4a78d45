"""Root URLs: the three front doors (public site, Wagtail admin, officer inbox) and the APIs."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Prefixes are settings so a deployment can move them and keep them off the public interface.
    path(settings.DESK_DJANGO_ADMIN_PREFIX, admin.site.urls),
    path(settings.DESK_CMS_ADMIN_PREFIX, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("core.staff_auth.urls")),  # second factor: enrol, verify
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("cms.urls")),
    path("", include("workflows.urls")),
    path("", include("notifications.urls")),
    path("", include("correspondence.urls")),
    path("", include("citizen_portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
