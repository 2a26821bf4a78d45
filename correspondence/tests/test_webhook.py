"""The signed letter-event webhook: applied once; tampering, replays and unknown letters change nothing."""

import json

import pytest
from rest_framework.test import APIClient

from core.models import AuditEvent
from correspondence import signing
from correspondence.models import Letter, LetterEvent, LetterStatus, PartnerToken
from notifications import clock
from notifications.enums import Event
from notifications.models import OutboxMessage
from tests.factories import FINAL, UnitFactory, build_guide, submit
from workflows.models import TimelineEntry

from .conftest import SECRET

pytestmark = pytest.mark.django_db
URL = "/api/v1/correspondence/events/"


@pytest.fixture
def letter():
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    return Letter.objects.create(service_request=request, number="1404/00077", status=LetterStatus.REGISTERED)


@pytest.fixture
def client():
    token, plain = PartnerToken.issue("office automation", ["letter_events"])
    PartnerToken.objects.filter(pk=token.pk).update(webhook_secret=SECRET)  # this partner's own secret
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return api


def event_body(**overrides) -> bytes:
    data = {
        "event_id": "oa-1",
        "letter_number": "1404/00077",
        "kind": "referred",
        "occurred_at": "2025-11-01T09:30:00+03:30",
        "unit": {"code": "licensing", "name": "اداره صدور مجوز"},
        "officer": {"name": "کارشناس نمونه"},
    }
    data.update(overrides)
    return json.dumps(data, ensure_ascii=False).encode()


def post(client, body: bytes, headers: dict | None = None):
    headers = headers if headers is not None else signing.signed_headers(body, key=SECRET.encode())
    return client.post(URL, data=body, content_type="application/json", headers=headers)


def _nothing_changed(letter) -> bool:
    return (
        not LetterEvent.objects.exists()
        and not TimelineEntry.objects.filter(action__startswith="letter_").exists()
        and not OutboxMessage.objects.filter(event=Event.LETTER_EVENT).exists()
        and Letter.objects.get(pk=letter.pk).status == LetterStatus.REGISTERED
    )


def test_signed_event_updates_timeline_and_notifies_the_citizen(client, letter):
    response = post(client, event_body())
    assert response.status_code == 200 and response.json() == {"status": "applied"}
    entry = TimelineEntry.objects.get(request=letter.service_request, action="letter_referred")
    assert "اداره صدور مجوز" in entry.comment and entry.visible_to_citizen
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.REFERRED
    message = OutboxMessage.objects.get(event=Event.LETTER_EVENT)
    assert "1404/00077" in message.body and letter.service_request.applicant.mobile not in message.body


def test_same_event_id_with_a_new_nonce_is_acknowledged_but_not_applied_twice(client, letter):
    assert post(client, event_body()).status_code == 200
    response = post(client, event_body())
    assert response.json() == {"status": "duplicate"}
    assert LetterEvent.objects.count() == 1 and OutboxMessage.objects.filter(event=Event.LETTER_EVENT).count() == 1


def test_tampered_body_is_refused_and_audited(client, letter):
    body = event_body()
    headers = signing.signed_headers(body, key=SECRET.encode())
    response = post(client, event_body(kind="archived"), headers)
    assert response.status_code == 401
    assert _nothing_changed(letter)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_DENIED, details__reason="bad signature").exists()


def test_signature_with_the_wrong_secret_is_refused(client, letter):
    body = event_body()
    assert post(client, body, signing.signed_headers(body, key=b"not-the-secret")).status_code == 401
    assert _nothing_changed(letter)


def test_replayed_nonce_is_refused(client, letter):
    body = event_body()
    headers = signing.signed_headers(body, key=SECRET.encode())
    assert post(client, body, headers).status_code == 200
    replay = post(client, body, headers)
    assert replay.status_code == 409
    assert LetterEvent.objects.count() == 1
    assert AuditEvent.objects.filter(details__reason="nonce reused").exists()


def test_request_older_than_the_window_is_refused(client, letter):
    body = event_body()
    headers = signing.signed_headers(body, key=SECRET.encode())
    clock.advance(301)
    assert post(client, body, headers).status_code == 401
    assert _nothing_changed(letter)
    assert AuditEvent.objects.filter(details__reason="timestamp outside the replay window").exists()


def test_unknown_letter_is_refused_and_changes_nothing(client, letter):
    response = post(client, event_body(letter_number="1404/99999"))
    assert response.status_code == 404
    assert _nothing_changed(letter)
    assert AuditEvent.objects.filter(details__reason="unknown letter").exists()


def test_missing_signature_headers_are_refused(client, letter):
    assert post(client, event_body(), headers={}).status_code == 401
    assert _nothing_changed(letter)


def test_token_without_the_letter_events_scope_is_refused(letter):
    _, plain = PartnerToken.issue("lookup only", ["lookup"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert post(api, event_body()).status_code == 403
    assert _nothing_changed(letter)
