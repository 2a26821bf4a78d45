"""Each partner signs with its own webhook secret, and an inbound referral moves a request only to a
unit on the request's pinned plan or on the partner's own list."""

import json

import pytest
from rest_framework.test import APIClient

import workflows.urls  # noqa: F401  (names the flow's URL namespaces before a task URL is reversed)
from core.models import AuditEvent
from correspondence import signing
from correspondence.models import Letter, LetterEvent, LetterStatus, PartnerToken
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member, submit
from workflows.models import TimelineEntry
from workflows.tests.helpers import act, refreshed

from .conftest import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.security]
URL = "/api/v1/correspondence/events/"


def partner(name: str, units=()) -> tuple[PartnerToken, APIClient]:
    token, plain = PartnerToken.issue(name, ["letter_events"], allowed_unit_codes=list(units))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return token, api


@pytest.fixture
def desk(client):
    intake = UnitFactory()
    first, second = UnitFactory(code="review-unit"), UnitFactory(code="licensing")
    outside = UnitFactory(code="outside")
    for unit in (first, second, outside):
        member(unit)
    request = submit(build_guide([(first, MIDDLE), (second, FINAL)], intake_unit=intake))
    act(client, member(intake), request, result="complete", comment="کامل")
    letter = Letter.objects.create(service_request=request, number="1404/00500", status=LetterStatus.REGISTERED)
    return {"request": request, "letter": letter, "first": first, "second": second, "outside": outside}


def send(api, key: str, unit_code: str, event_id: str = "oa-p1"):
    body = json.dumps(
        {
            "event_id": event_id,
            "letter_number": "1404/00500",
            "kind": "referred",
            "occurred_at": "2025-11-01T09:30:00+03:30",
            "unit": {"code": unit_code, "name": "واحد"},
        },
        ensure_ascii=False,
    ).encode()
    return api.post(
        URL, data=body, content_type="application/json", headers=signing.signed_headers(body, key=key.encode())
    )


def test_issued_token_with_letter_events_gets_its_own_secret():
    first, _ = partner("one")
    second, _ = partner("two")
    assert first.webhook_secret and second.webhook_secret and first.webhook_secret != second.webhook_secret


def test_signature_made_with_another_partners_secret_is_refused(desk, security_tally):
    one, _ = partner("one")
    _, two_api = partner("two")
    response = send(two_api, one.webhook_secret, "licensing")
    security_tally.attempt("authorisation", refused=response.status_code == 401)
    assert response.status_code == 401
    assert not LetterEvent.objects.exists()


def test_the_old_shared_secret_no_longer_verifies(desk, settings, security_tally):
    settings.CORRESPONDENCE_SECRET = SECRET
    _, api = partner("one")
    response = send(api, SECRET, "licensing")
    security_tally.attempt("authorisation", refused=response.status_code == 401)
    assert response.status_code == 401


def test_partner_without_a_secret_is_refused(desk, security_tally):
    token, api = partner("one")
    PartnerToken.objects.filter(pk=token.pk).update(webhook_secret="")
    response = send(api, "", "licensing")
    security_tally.attempt("authorisation", refused=response.status_code == 401)
    assert response.status_code == 401


def test_referral_to_a_unit_on_the_plan_moves_the_request(desk):
    token, api = partner("one")
    assert send(api, token.webhook_secret, "licensing").status_code == 200
    assert refreshed(desk["request"]).current_unit == desk["second"]


def test_referral_outside_plan_and_partner_list_is_recorded_without_moving(desk, security_tally):
    token, api = partner("one")
    response = send(api, token.webhook_secret, "outside")
    assert response.status_code == 200
    request = refreshed(desk["request"])
    refused = request.current_unit == desk["first"]
    security_tally.attempt("authorisation", refused=refused)
    assert refused
    assert LetterEvent.objects.filter(unit_code="outside").exists()
    assert TimelineEntry.objects.filter(request=request, action="letter_referred").exists()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.PERMISSION_DENIED, object_id=str(request.pk), details__action="letter_referral"
    ).exists()


def test_referral_to_a_unit_on_the_partners_list_moves_the_request(desk):
    token, api = partner("one", units=["outside"])
    assert send(api, token.webhook_secret, "outside").status_code == 200
    assert refreshed(desk["request"]).current_unit == desk["outside"]


def test_admin_never_shows_the_webhook_secret():
    from correspondence.admin import PartnerTokenAdmin

    assert "webhook_secret" not in PartnerTokenAdmin.fields
    assert "webhook_secret" not in PartnerTokenAdmin.list_display
