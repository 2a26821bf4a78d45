"""Partner API and the office-automation webhook (mounted at the site root, under /api/v1/)."""

from django.urls import path

from . import api

app_name = "correspondence"

urlpatterns = [
    path("api/v1/correspondence/events/", api.LetterEventView.as_view(), name="letter_events"),
    path("api/v1/partner/requests/", api.SubmitView.as_view(), name="partner_submit"),
    path("api/v1/partner/requests/lookup/", api.LookupView.as_view(), name="partner_lookup"),
]
