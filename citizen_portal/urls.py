"""URLs of citizen_portal, included at the site root before Wagtail's page URLs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from .api import partner
from .api import views as api
from .views import apply, counter, my_requests, receipt, track

app_name = "citizen_portal"

urlpatterns = [
    path("services/<str:service_code>/apply/", apply.apply, name="apply"),
    path("receipt/<str:tracking_code>/", receipt.receipt, name="receipt"),
    path("receipt/<str:tracking_code>/pdf/", receipt.receipt_pdf, name="receipt_pdf"),
    path("verify/", receipt.verify, name="verify"),
    path("verify/public-key.pem", receipt.public_key, name="public_key"),
    path("track/", track.track, name="track"),
    path("track/<str:tracking_code>/", track.status, name="status"),
    path("track/<str:tracking_code>/survey/", track.survey, name="survey"),
    path("track/<str:tracking_code>/review/", track.request_review, name="review"),
    path("track/<str:tracking_code>/withdraw/", track.withdraw, name="withdraw"),
    path("my-requests/", my_requests.start, name="my_requests"),
    path("my-requests/code/", my_requests.enter_code, name="my_requests_code"),
    path("my-requests/list/", my_requests.listing, name="my_requests_list"),
    path("counter/", counter.services_list, name="counter"),
    path("counter/<str:service_code>/", counter.register, name="counter_register"),
    path("api/v1/requests/", api.SubmitRequestView.as_view(), name="api_submit"),
    path("api/v1/requests/lookup/", api.LookupView.as_view(), name="api_lookup"),
    path("api/v1/requests/withdraw/", api.WithdrawView.as_view(), name="api_withdraw"),
    path("api/v1/partner/requests/", partner.SubmitView.as_view(), name="partner_submit"),
    path("api/v1/partner/requests/lookup/", partner.LookupView.as_view(), name="partner_lookup"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
]
