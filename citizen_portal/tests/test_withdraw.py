"""The citizen withdraws a request: on the status page (session access) and through the API."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from citizen_portal.access import grant
from tests.factories import applicant_post
from workflows.enums import RequestStatus
from workflows.models import ServiceRequest

from . import workflow_driver as drive
from .helpers import apply_online

WITHDRAW_API = "/api/v1/requests/withdraw/"
NOT_WITHDRAWABLE = "This request can no longer be withdrawn."


def _fa(msgid: str) -> str:
    """What the citizen reads: the Persian translation (the site's language)."""
    with translation.override("fa"):
        return translation.gettext(msgid)


def _status_url(sr: ServiceRequest) -> str:
    return reverse("citizen_portal:status", args=[sr.tracking_code])


def _withdraw_url(sr: ServiceRequest) -> str:
    return reverse("citizen_portal:withdraw", args=[sr.tracking_code])


def _api(client, sr: ServiceRequest, **overrides):
    body = {"tracking_code": sr.tracking_code, "national_id": applicant_post()["national_id"], "reason": ""}
    body.update(overrides)
    return client.post(WITHDRAW_API, body, content_type="application/json")


def test_urls_are_named(db):
    assert reverse("citizen_portal:api_withdraw") == WITHDRAW_API
    assert reverse("citizen_portal:withdraw", args=["12345678901234"]) == "/track/12345678901234/withdraw/"


def test_status_page_offers_withdrawal_while_the_request_is_open(client, guide):
    sr = apply_online(client, guide)
    response = client.get(_status_url(sr))
    assert response.context["can_withdraw"] is True
    assert _withdraw_url(sr) in response.content.decode()


def test_citizen_withdraws_and_the_status_page_shows_it_in_status_and_timeline(client, guide):
    sr = apply_online(client, guide)
    response = client.post(_withdraw_url(sr), {"reason": "دیگر نیازی ندارم", "confirm": "on"}, follow=True)
    assert response.status_code == 200
    sr.refresh_from_db()
    assert sr.status == RequestStatus.WITHDRAWN and sr.closed_at is not None
    page = response.content.decode()
    assert _fa("Withdrawn") in page
    assert [str(m) for m in response.context["messages"]] == [_fa("Your request was withdrawn.")]
    timeline = response.context["view"]["timeline"]
    assert any(item["comment"] == "دیگر نیازی ندارم" for item in timeline)
    assert _fa("Withdrawn by the citizen") in page
    assert response.context["can_withdraw"] is False


def test_withdrawal_needs_the_confirmation_checkbox(client, guide):
    sr = apply_online(client, guide)
    response = client.post(_withdraw_url(sr), {"reason": ""})
    assert response.status_code == 400
    assert "confirm" in response.context["withdraw_form"].errors
    sr.refresh_from_db()
    assert sr.status == RequestStatus.SUBMITTED


def test_reason_with_hidden_characters_is_refused(client, guide):
    sr = apply_online(client, guide)
    response = client.post(_withdraw_url(sr), {"reason": "abc\u202edef", "confirm": "on"})
    assert response.status_code == 400
    assert "reason" in response.context["withdraw_form"].errors
    sr.refresh_from_db()
    assert sr.status == RequestStatus.SUBMITTED


def test_a_stranger_session_cannot_withdraw(client, guide):
    sr = apply_online(client, guide)
    stranger = Client()
    other = apply_online(stranger, guide)  # the stranger has access to their own request only
    response = stranger.post(_withdraw_url(sr), {"confirm": "on"})
    assert response.status_code == 403
    sr.refresh_from_db()
    assert sr.status == RequestStatus.SUBMITTED and other.tracking_code != sr.tracking_code


def test_withdraw_is_csrf_protected(client, guide):
    sr = apply_online(client, guide)
    csrf_client = Client(enforce_csrf_checks=True)
    session = csrf_client.session
    grant_request = type("R", (), {"session": session})()
    grant(grant_request, sr.tracking_code)
    session.save()
    response = csrf_client.post(_withdraw_url(sr), {"confirm": "on"})
    assert response.status_code == 403
    sr.refresh_from_db()
    assert sr.status == RequestStatus.SUBMITTED


def test_withdraw_is_post_only(client, guide):
    sr = apply_online(client, guide)
    assert client.get(_withdraw_url(sr)).status_code == 405


def test_approved_request_cannot_be_withdrawn_and_the_page_says_why(client, guide):
    sr = drive.approve_all_the_way(apply_online(client, guide))
    assert client.get(_status_url(sr)).context["can_withdraw"] is False
    response = client.post(_withdraw_url(sr), {"confirm": "on"})
    assert response.status_code == 409
    assert response.context["withdraw_error"] == _fa(NOT_WITHDRAWABLE)
    assert _fa(NOT_WITHDRAWABLE) in response.content.decode()
    sr.refresh_from_db()
    assert sr.status == RequestStatus.APPROVED


def test_api_withdraws_and_returns_the_new_status(client, guide):
    sr = apply_online(client, guide)
    response = _api(Client(), sr, reason="اشتباه ثبت کردم")
    assert response.status_code == 200
    assert response.json()["status"] == RequestStatus.WITHDRAWN
    sr.refresh_from_db()
    assert sr.status == RequestStatus.WITHDRAWN
    assert sr.timeline.filter(action="withdrawn", comment="اشتباه ثبت کردم").exists()


def test_api_wrong_national_id_is_the_generic_404_and_changes_nothing(client, guide):
    sr = apply_online(client, guide)
    response = _api(Client(), sr, national_id="0000000001")
    assert response.status_code == 404
    assert response.json()["errors"]["__all__"] == [_fa("No request matches this tracking code and national ID.")]
    sr.refresh_from_db()
    assert sr.status == RequestStatus.SUBMITTED


def test_api_decided_request_is_a_409_with_a_message(client, guide):
    sr = drive.approve_all_the_way(apply_online(client, guide))
    response = _api(Client(), sr)
    assert response.status_code == 409
    assert response.json()["errors"]["__all__"] == [_fa(NOT_WITHDRAWABLE)]
    sr.refresh_from_db()
    assert sr.status == RequestStatus.APPROVED


def test_api_withdraw_shares_the_lookup_lockout(client, guide, settings):
    settings.PORTAL_TRACK_MAX_FAILURES = 2
    sr = apply_online(client, guide)
    api_client = Client()
    for _ in range(2):
        _api(api_client, sr, national_id="0000000001")
    assert _api(api_client, sr).status_code == 429
    sr.refresh_from_db()
    assert sr.status == RequestStatus.SUBMITTED


def test_api_withdraw_is_in_the_openapi_schema(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert WITHDRAW_API in response.content.decode()
