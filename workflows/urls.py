"""Officer side under /workflow/: Viewflow's site (inbox, queue, archive, requests, tasks) and
our permission-checked request actions and downloads."""

from django.urls import path

from .site import site
from .views import requests as request_views
from .views.guard import guard_patterns

# Every raw Viewflow URL naming a process checks object permission on the task's own process.
flow_urls = site.urls
guard_patterns(flow_urls[0])  # Site.urls is (patterns, app_name, namespace)

urlpatterns = [
    path(
        "workflow/r/<int:request_pk>/documents/<int:document_pk>/",
        request_views.DocumentDownloadView.as_view(),
        name="workflows_document_download",
    ),
    path(
        "workflow/r/<int:request_pk>/documents/<int:document_pk>/preview/",
        request_views.DocumentPreviewView.as_view(),
        name="workflows_document_preview",
    ),
    path(
        "workflow/r/<int:request_pk>/documents/<int:document_pk>/preview/<int:page>.png",
        request_views.DocumentPreviewPageView.as_view(),
        name="workflows_document_preview_page",
    ),
    path(
        "workflow/r/<int:request_pk>/letter/",
        request_views.LetterDownloadView.as_view(),
        name="workflows_letter_download",
    ),
    path("workflow/r/<int:request_pk>/assign/", request_views.AssignRequestView.as_view(), name="workflows_assign"),
    path("workflow/r/<int:request_pk>/cancel/", request_views.CancelRequestView.as_view(), name="workflows_cancel"),
    path("workflow/", flow_urls),
]
