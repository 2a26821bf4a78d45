"""Officer side under /workflow/: Viewflow's site (inbox, queue, archive, requests, tasks) and
our permission-checked request actions and downloads."""

from django.urls import path

from .site import site
from .views import requests as request_views

urlpatterns = [
    path(
        "workflow/r/<int:request_pk>/documents/<int:document_pk>/",
        request_views.DocumentDownloadView.as_view(),
        name="workflows_document_download",
    ),
    path(
        "workflow/r/<int:request_pk>/letter/",
        request_views.LetterDownloadView.as_view(),
        name="workflows_letter_download",
    ),
    path("workflow/r/<int:request_pk>/assign/", request_views.AssignRequestView.as_view(), name="workflows_assign"),
    path("workflow/r/<int:request_pk>/cancel/", request_views.CancelRequestView.as_view(), name="workflows_cancel"),
    path("workflow/", site.urls),
]
