"""The citizen REST API: submission, look-up, errors and the OpenAPI schema."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import applicant_post, staffed_guide
from workflows.models import ServiceRequest

from . import workflow_driver as drive
from .files import pdf_file, png_file

SUBMIT = "/api/v1/requests/"
LOOKUP = "/api/v1/requests/lookup/"


def _body(guide, **overrides):
    data = {**applicant_post(), "consent": "true", "service": guide.service_code}
    data.update(overrides)
    return {**data, "national-card": pdf_file(), "ownership-deed": png_file()}


def test_urls_are_named():
    assert reverse("citizen_portal:api_submit") == SUBMIT
    assert reverse("citizen_portal:api_lookup") == LOOKUP


def test_submit_returns_201_with_tracking_code_and_receipt_url(client, guide):
    response = client.post(SUBMIT, _body(guide))
    assert response.status_code == 201
    body = response.json()
    sr = ServiceRequest.objects.get()
    assert body["tracking_code"] == sr.tracking_code and sr.channel == "api"
    assert Client().get(body["receipt_url"]).status_code == 200


def test_submit_errors_are_json_per_field(client, guide):
    response = client.post(SUBMIT, _body(guide, national_id="1111111111", mobile="12"))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"national_id", "mobile"} <= set(errors)
    assert ServiceRequest.objects.count() == 0


def test_missing_document_is_reported_under_its_key(client, guide):
    data = _body(guide)
    data.pop("ownership-deed")
    response = client.post(SUBMIT, data)
    assert response.status_code == 400
    assert "ownership-deed" in response.json()["errors"]


def test_unknown_service_is_a_400(client, db):
    response = client.post(SUBMIT, {**applicant_post(), "service": "99999999999"})
    assert response.status_code == 400
    assert "service" in response.json()["errors"]


def test_lookup_returns_status_stage_unit_officer_and_timeline(client, guide):
    sr = ServiceRequest.objects.get(tracking_code=client.post(SUBMIT, _body(guide)).json()["tracking_code"])
    sr = drive.intake(sr)
    response = client.post(
        LOOKUP,
        {"tracking_code": sr.tracking_code, "national_id": applicant_post()["national_id"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in_review"
    assert body["unit"] == sr.current_unit.name
    assert body["stage"] == sr.routing_snapshot[0]["title"]
    assert [s["title"] for s in body["remaining_stages"]] == [sr.routing_snapshot[1]["title"]]
    assert len(body["timeline"]) >= 2
    assert "officer" in body and body["due_date"]


def test_lookup_with_wrong_pair_is_a_generic_404(client, guide):
    code = client.post(SUBMIT, _body(guide)).json()["tracking_code"]
    wrong = client.post(LOOKUP, {"tracking_code": code, "national_id": "0000000001"}, content_type="application/json")
    unknown = client.post(
        LOOKUP,
        {"tracking_code": "12345678901234", "national_id": applicant_post()["national_id"]},
        content_type="application/json",
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_lookup_is_throttled(client, guide, settings):
    settings.PORTAL_API_LOOKUP_RATE = "3/min"
    codes = [
        client.post(LOOKUP, {"tracking_code": "1", "national_id": "1"}, content_type="application/json").status_code
        for _ in range(4)
    ]
    assert codes[-1] == 429


def test_lookup_locks_out_after_repeated_failures(client, guide, settings):
    settings.PORTAL_TRACK_MAX_FAILURES = 2
    code = client.post(SUBMIT, _body(guide)).json()["tracking_code"]
    for _ in range(2):
        client.post(LOOKUP, {"tracking_code": code, "national_id": "0000000001"}, content_type="application/json")
    right = client.post(
        LOOKUP, {"tracking_code": code, "national_id": applicant_post()["national_id"]}, content_type="application/json"
    )
    assert right.status_code == 429


def test_malformed_json_is_a_400(client, db):
    response = client.post(LOOKUP, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "errors" in response.json()


def test_openapi_schema_lists_both_endpoints(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    assert SUBMIT in text and LOOKUP in text


@pytest.mark.parametrize("channel", ["online"])
def test_html_and_api_share_the_same_rules(client, channel, db):
    guide = staffed_guide()
    html = client.post(
        reverse("citizen_portal:apply", args=[guide.service_code]),
        {
            **applicant_post(first_name="<b>x</b>"),
            "document_national-card": pdf_file(),
            "document_ownership-deed": png_file(),
        },
    )
    api = client.post(SUBMIT, _body(guide, first_name="<b>x</b>"))
    assert html.status_code == api.status_code == 400
    assert str(html.context["form"].errors["first_name"][0]) == api.json()["errors"]["first_name"][0]
