"""The headless API: guides with every identity-card field, the catalogue, the units, and 4xx JSON on bad input."""

import pytest

from tests.factories import draft_guide, publish_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(category, unit):
    return publish_guide(category, draft_guide(unit=unit, documents=2, stages=2, service_code="13051010100"))


def test_guides_are_listed_by_type(client, guide):
    response = client.get("/api/v2/pages/", {"type": "cms.ServiceGuidePage", "fields": "service_code"})
    assert response.status_code == 200
    assert [item["service_code"] for item in response.json()["items"]] == ["13051010100"]


def test_guide_detail_has_identity_card_fields(client, guide):
    data = client.get(f"/api/v2/pages/{guide.pk}/").json()
    for field in (
        "service_code", "summary", "fee_rials", "expected_days", "max_days", "channels", "accepts_online",
        "responsible_unit", "intake_unit", "steps", "documents", "routing_stages", "legal_basis", "faqs", "forms",
        "contact_phone", "last_reviewed", "change_history",
    ):  # fmt: skip
        assert field in data, field
    assert data["accepts_online"] is True
    assert data["responsible_unit"]["name"] == guide.responsible_unit.name
    assert data["change_history"][0]["note"] == "نسخه نخست"


def test_guide_documents_carry_catalogue_details(client, guide):
    data = client.get(f"/api/v2/pages/{guide.pk}/").json()
    first = guide.documents.all()[0]
    assert data["documents"][0] == {
        "key": first.document.key,
        "name": first.document.name,
        "description": first.document.description,
        "sample_image_url": None,
        "form": "copy",
        "copies": 1,
        "requirement": "mandatory",
        "is_mandatory": True,
        "condition": "",
        "note": "",
        "allowed_types": ["pdf", "jpeg", "png"],
        "max_size_mb": 5,
    }
    assert data["documents"][1]["requirement"] == "conditional"


def test_guide_routing_stages_are_exposed_in_order(client, guide, unit):
    stages = client.get(f"/api/v2/pages/{guide.pk}/").json()["routing_stages"]
    assert [s["title"] for s in stages] == ["مرحله 1", "مرحله 2"]
    assert stages[1]["outcomes"] == ["approve", "reject"]
    assert stages[0]["unit"]["id"] == unit.pk


def test_catalogue_endpoint_lists_documents(client, guide):
    data = client.get("/api/v2/documents-catalogue/", {"fields": "key,name,description,sample_image_url"}).json()
    keys = {item["key"] for item in data["items"]}
    assert {d.document.key for d in guide.documents.all()} <= keys
    assert set(data["items"][0]) >= {"key", "name", "description", "sample_image_url"}


def test_units_endpoint_lists_units_with_contacts(client, unit):
    data = client.get(f"/api/v2/units/{unit.pk}/").json()
    assert data["name"] == unit.name
    assert data["phone"] == unit.phone
    assert data["working_hours"] == unit.working_hours


def test_unknown_query_parameter_is_a_400_json(client, guide):
    response = client.get("/api/v2/pages/", {"type": "cms.ServiceGuidePage", "colour": "blue"})
    assert response.status_code == 400
    assert "colour" in response.json()["message"]


def test_unknown_page_type_is_a_400_json(client):
    response = client.get("/api/v2/pages/", {"type": "cms.NoSuchPage"})
    assert response.status_code == 400
    assert "message" in response.json()


def test_unknown_field_is_a_400_json(client):
    response = client.get("/api/v2/units/", {"fields": "salary"})
    assert response.status_code == 400
    assert "salary" in response.json()["message"]


def test_bad_limit_is_a_400_json(client):
    response = client.get("/api/v2/documents-catalogue/", {"limit": "many"})
    assert response.status_code == 400
    assert "message" in response.json()


def test_missing_unit_is_a_404_json(client, db):
    response = client.get("/api/v2/units/999999/")
    assert response.status_code == 404
    assert "message" in response.json()


def test_wagtail_documents_url_is_not_taken_by_the_catalogue(client, db):
    assert client.get("/documents/").status_code == 404  # Wagtail's own document serving, not our API
    assert client.get("/api/v2/documents-catalogue/").status_code == 200
