from django.urls import path

from . import views

urlpatterns = [
    path("mfa/enrol/", views.EnrolView.as_view(), name="staff_mfa_enrol"),
    path("mfa/verify/", views.VerifyView.as_view(), name="staff_mfa_verify"),
]
