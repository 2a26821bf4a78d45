"""Partner tokens: stored hashed, scoped, rate-limited per token, documented under /api/v1/."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from correspondence.models import PartnerToken, token_digest
from tests.factories import FINAL, UnitFactory, build_guide, submit
from workflows.models import RequestDocument, ServiceRequest

pytestmark = pytest.mark.django_db

LOOKUP_URL = "/api/v1/partner/requests/lookup/"
SUBMIT_URL = "/api/v1/partner/requests/"


def real_pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    """A real one-page PDF (pypdf), so it passes the content checks the way a partner's scan would."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def real_png(name: str = "scan.png") -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def submission(guide, **overrides) -> dict:
    data = {
        "service_code": guide.service_code,
        "national_id": "9990001006",
        "first_name": "شهروند",
        "last_name": "آزمایشی",
        "mobile": "۰۹۱۲۰۰۰۱۲۳۴",
        "id-card": real_pdf(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post_submission(guide, **overrides):
    return client_for(["submit"]).post(SUBMIT_URL, submission(guide, **overrides), format="multipart")


def nothing_stored() -> bool:
    return not ServiceRequest.objects.filter(channel="api").exists() and not RequestDocument.objects.exists()


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
    response = client_for(["lookup"]).post(
        LOOKUP_URL,
        {"tracking_code": request.tracking_code, "national_id": request.applicant.national_id},
        format="json",
    )
    assert response.status_code == 200 and response.json()["tracking_code"] == request.tracking_code


def test_lookup_with_the_wrong_national_id_finds_nothing():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    response = client_for(["lookup"]).post(
        LOOKUP_URL, {"tracking_code": request.tracking_code, "national_id": "0000000000"}, format="json"
    )
    assert response.status_code == 404 and response.json() == {"errors": {"__all__": ["No request matches."]}}


def test_lookup_by_get_with_the_national_id_in_the_url_is_gone():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    api = client_for(["lookup"])
    old_style = api.get(f"/api/v1/partner/requests/{request.tracking_code}/", {"national_id": "9990001006"})
    assert old_style.status_code == 404
    assert api.get(LOOKUP_URL, {"tracking_code": request.tracking_code}).status_code == 405


def test_lookup_without_a_national_id_is_a_bad_request():
    response = client_for(["lookup"]).post(LOOKUP_URL, {"tracking_code": "12345678901234"}, format="json")
    assert response.status_code == 400 and "national_id" in response.json()["errors"]


def test_lookup_needs_the_lookup_scope():
    body = {"tracking_code": "12345678901234", "national_id": "9990001006"}
    assert client_for(["submit"]).post(LOOKUP_URL, body, format="json").status_code == 403


def test_unknown_token_is_refused():
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Bearer desk_not-a-real-token")
    body = {"tracking_code": "12345678901234", "national_id": "9990001006"}
    assert api.post(LOOKUP_URL, body, format="json").status_code == 401


def test_token_without_scope_cannot_submit():
    assert client_for(["lookup"]).post("/api/v1/partner/requests/", {}).status_code == 403


def test_submit_registers_a_request_through_the_api_channel():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = post_submission(guide)
    assert response.status_code == 201, response.content
    created = ServiceRequest.objects.get(tracking_code=response.json()["tracking_code"])
    assert created.channel == "api" and created.applicant.mobile == "09120001234"


def test_submit_without_a_mandatory_document_is_refused():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = post_submission(guide, **{"id-card": None})
    assert response.status_code == 400 and "id-card" in response.json()["errors"]


def test_submit_refuses_a_file_lying_about_its_type():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    fake = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 not really a pdf, just text", content_type="application/pdf")
    response = post_submission(guide, **{"id-card": fake})
    assert response.status_code == 400 and "id-card" in response.json()["errors"]
    assert nothing_stored()


def test_submit_refuses_an_extension_that_does_not_match_the_content():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = post_submission(guide, **{"id-card": real_png("scan.pdf")})
    assert response.status_code == 400 and "id-card" in response.json()["errors"]
    assert nothing_stored()


def test_submit_refuses_an_empty_file():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    empty = SimpleUploadedFile("scan.pdf", b"", content_type="application/pdf")
    response = post_submission(guide, **{"id-card": empty})
    assert response.status_code == 400 and "id-card" in response.json()["errors"]
    assert nothing_stored()


def test_submit_refuses_files_over_the_total_size_limit(settings):
    settings.PORTAL_UPLOAD_TOTAL_MAX_MB = 0
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = post_submission(guide)
    assert response.status_code == 400 and "__all__" in response.json()["errors"]
    assert nothing_stored()


def test_submit_stores_the_checked_content_type_not_the_claimed_one():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    claimed = real_pdf()
    claimed.content_type = "text/html"
    response = post_submission(guide, **{"id-card": claimed})
    assert response.status_code == 201, response.content
    assert RequestDocument.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    "name",
    ["\u202eدمحا", "<script>alert(1)</script>", "شهروند\u2067", "علی\x07"],
    ids=["bidi-override", "script", "bidi-isolate", "control"],
)
def test_submit_refuses_a_name_with_markup_or_hidden_characters(name):
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = post_submission(guide, first_name=name)
    assert response.status_code == 400 and "first_name" in response.json()["errors"]
    assert nothing_stored()


def test_submit_stores_the_name_normalised():
    guide = build_guide([(UnitFactory(), FINAL)], documents=("id-card",))
    response = post_submission(guide, last_name="آزمايشي")  # Arabic yeh
    assert response.status_code == 201, response.content
    created = ServiceRequest.objects.get(tracking_code=response.json()["tracking_code"])
    assert created.applicant.last_name == "آزمایشی"


def test_each_token_has_its_own_rate_limit():
    limited, other = client_for(["lookup"], rate="2/min"), client_for(["lookup"], rate="2/min")
    body = {"tracking_code": "12345678901234", "national_id": "1"}
    codes = [limited.post(LOOKUP_URL, body, format="json").status_code for _ in range(3)]
    assert codes == [404, 404, 429]
    assert other.post(LOOKUP_URL, body, format="json").status_code == 404


def test_partner_endpoints_are_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert {
        "/api/v1/correspondence/events/",
        "/api/v1/partner/requests/",
        "/api/v1/partner/requests/lookup/",
    } <= set(paths)
    assert not any("{tracking_code}" in p for p in paths)
    assert set(paths["/api/v1/partner/requests/lookup/"]) == {"post"}
    assert "partnerToken" in schema["components"]["securitySchemes"]
    assert paths["/api/v1/correspondence/events/"]["post"]["requestBody"]["content"]["application/json"]["examples"]
