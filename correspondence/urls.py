"""The office-automation webhook (mounted at the site root, under /api/v1/)."""

from django.urls import path

from . import api

app_name = "correspondence"

urlpatterns = [
    path("api/v1/correspondence/events/", api.LetterEventView.as_view(), name="letter_events"),
]
