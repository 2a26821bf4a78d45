"""Public subscription pages and the inbound-SMS endpoint (mounted at the site root)."""

from django.urls import path

from . import api, views

app_name = "notifications"

urlpatterns = [
    path("services/<str:service_code>/subscribe/", views.subscribe, name="subscribe"),
    path("subscriptions/confirm/", views.confirm, name="confirm"),
    path("subscriptions/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("api/v1/sms/inbound/", api.InboundSmsView.as_view(), name="sms_inbound"),
]
