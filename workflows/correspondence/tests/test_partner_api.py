"""Partner tokens: stored hashed, scoped, rate-limited per token, documented under /api/v1/."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from workflows.correspondence.models import PartnerToken, token_digest
from workflows.tests.factories import FINAL, UnitFactory, build_guide, pdf_upload, submit

pytestmark = pytest.mark.django_db


def client_for(scopes, rate="60/min") -> APIClient:
    _, plain = PartnerToken.issue("partner", scopes, rate)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return api


@pytest.fixture(autouse=True)
def _clear_throttle_cache():
    cache.clear()


def test_token_is_stored_only_as_a_digest():
    token, plain = PartnerToken.issue("partner", ["lookup"])
    stored = PartnerToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(plain) and plain not in (stored.digest, stored.prefix)


def test_lookup_returns_the_status_for_code_and_national_id():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    response = client_for(["lookup"]).get(
        f"/api/v1/partner/requests/{request.tracking_code}/", {"national_id": request.applicant.national_id}
    )
    assert response.status_code == 200 and response.json()["tracking_code"] == request.tracking_code


def test_lookup_with_the_wrong_national_id_finds_nothing():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    response = client_for(["lookup"]).get(
        f"/api/v1/partner/requests/{request.tracking_code}/", {"national_id": "0000000000"}
    )
    assert response.status_code == 404


def test_unknown_token_is_refused():
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Bearer desk_not-a-real-token")
    assert api.get("/api/v1/partner/requests/12345678901234/").status_code == 401


def test_token_without_scope_cannot_submit():
    assert client_for(["lookup"]).post("/api/v1/partner/requests/", {}).status_code == 403


def test_submit_registers_a_request_through_the_api_channel():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = client_for(["submit"]).post(
        "/api/v1/partner/requests/",
        {
            "service_code": guide.service_code,
            "national_id": "0084575948",
            "first_name": "شهروند",
            "last_name": "آزمایشی",
            "mobile": "۰۹۱۲۰۰۰۱۲۳۴",
            "id-card": pdf_upload(),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    from workflows.models import ServiceRequest

    created = ServiceRequest.objects.get(tracking_code=response.json()["tracking_code"])
    assert created.channel == "api" and created.applicant.mobile == "09120001234"


def test_submit_without_a_mandatory_document_is_refused():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = client_for(["submit"]).post(
        "/api/v1/partner/requests/",
        {
            "service_code": guide.service_code,
            "national_id": "0084575948",
            "first_name": "a",
            "last_name": "b",
            "mobile": "09120001234",
        },
        format="multipart",
    )
    assert response.status_code == 400 and "id-card" in response.json()["errors"]


def test_each_token_has_its_own_rate_limit():
    limited, other = client_for(["lookup"], rate="2/min"), client_for(["lookup"], rate="2/min")
    url = "/api/v1/partner/requests/12345678901234/"
    codes = [limited.get(url, {"national_id": "1"}).status_code for _ in range(3)]
    assert codes == [404, 404, 429]
    assert other.get(url, {"national_id": "1"}).status_code == 404


def test_partner_endpoints_are_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert {
        "/api/v1/correspondence/events/",
        "/api/v1/partner/requests/",
        "/api/v1/partner/requests/{tracking_code}/",
    } <= set(paths)
    assert "partnerToken" in schema["components"]["securitySchemes"]
    assert paths["/api/v1/correspondence/events/"]["post"]["requestBody"]["content"]["application/json"]["examples"]
