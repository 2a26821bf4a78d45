"""The office-automation connector wired into the request workflow: a letter per submitted request,
and letter events that move the request and tell the citizen."""

import json

import pytest
from django.db import transaction
from rest_framework.test import APIClient
from viewflow.workflow.status import STATUS

from cms.enums import Outcome
from core.persian import to_persian_digits
from correspondence import signing
from correspondence.models import Letter, LetterStatus, PartnerToken
from notifications import delivery
from notifications.enums import Channel
from notifications.models import OutboxMessage
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member, pdf_upload, submit
from workflows import services
from workflows.enums import RequestStatus
from workflows.models import TimelineEntry
from workflows.tests.helpers import act, claim, open_task, refreshed
from workflows.views.requests import request_page_url

from .conftest import SECRET
from .fakes import FakeCorrespondence

pytestmark = pytest.mark.django_db
URL = "/api/v1/correspondence/events/"


@pytest.fixture
def desk():
    intake = UnitFactory(name="دفتر پذیرش")
    first = UnitFactory(name="ادارهٔ بررسی")
    licensing = UnitFactory(name="ادارهٔ صدور مجوز", code="licensing")
    return {
        "guide": build_guide([(first, MIDDLE), (licensing, FINAL)], intake_unit=intake),
        "intake_unit": intake,
        "first_unit": first,
        "licensing": licensing,
        "intake": member(intake),
        "first": member(first),
        "licensing_officer": member(licensing, username="l.officer", first_name="زهرا", last_name="مجوزی"),
    }


@pytest.fixture
def oa():
    token, plain = PartnerToken.issue("office automation", ["letter_events"])
    PartnerToken.objects.filter(pk=token.pk).update(webhook_secret=SECRET)  # this partner's own secret
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return api


def registered_letter(service_request, number: str = "1404/00077") -> Letter:
    return Letter.objects.create(service_request=service_request, number=number, status=LetterStatus.REGISTERED)


def send_event(api, letter: Letter, *, key: bytes = SECRET.encode(), event_id: str = "oa-1", **fields):
    data = {
        "event_id": event_id,
        "letter_number": letter.number,
        "kind": "referred",
        "occurred_at": "2025-11-01T09:30:00+03:30",
        **fields,
    }
    body = json.dumps(data, ensure_ascii=False).encode()
    headers = signing.signed_headers(body, key=key)
    return api.post(URL, data=body, content_type="application/json", headers=headers)


def sms_events(service_request) -> list[str]:
    messages = OutboxMessage.objects.filter(service_request=service_request, channel=Channel.SMS).order_by("pk")
    return list(messages.values_list("event", flat=True))


def in_first_stage(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="کامل")
    return refreshed(request)


def test_submission_queues_a_letter_that_the_loopback_system_registers(settings, desk):
    with FakeCorrespondence() as system:
        settings.CORRESPONDENCE_URL = system.url
        request = submit(desk["guide"])
        queued = OutboxMessage.objects.get(service_request=request, channel=Channel.LETTER)
        assert queued.payload == {"letter": Letter.objects.get(service_request=request).pk}
        delivery.deliver_due()
    letter = Letter.objects.get(service_request=request)
    assert (letter.number, letter.status) == ("1404/00001", LetterStatus.REGISTERED)
    assert system.letters[letter.number]["reference"] == request.tracking_code
    assert system.bad_signatures == 0


def test_rolled_back_submission_queues_no_letter(settings, desk):
    settings.CORRESPONDENCE_URL = "http://127.0.0.1:9"
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            submit(desk["guide"])
            raise RuntimeError("the rest of the change failed")
    assert not Letter.objects.exists() and not OutboxMessage.objects.exists()


def test_officer_request_page_carries_the_letter(client, desk):
    request = submit(desk["guide"])
    letter = registered_letter(request)
    client.force_login(desk["intake"])
    response = client.get(request_page_url(request))
    assert response.status_code == 200
    [(label, html)] = response.context["extra_rows"]
    assert label == "نامهٔ اتوماسیون اداری" and to_persian_digits(letter.number) in html
    assert to_persian_digits(letter.number) in response.content.decode()


def test_signed_referral_moves_the_request_to_the_named_unit_and_officer(settings, client, oa, desk):
    with FakeCorrespondence() as system:
        settings.CORRESPONDENCE_URL = system.url
        request = in_first_stage(client, desk)
        delivery.deliver_due()
    letter = Letter.objects.get(service_request=request)
    before = sms_events(request)
    response = send_event(
        oa,
        letter,
        unit={"code": "licensing", "name": "مجوزها"},
        officer={"name": "زهرا مجوزی", "username": "l.officer"},
    )
    assert response.status_code == 200 and response.json() == {"status": "applied"}
    request = refreshed(request)
    officer = desk["licensing_officer"]
    assert (request.current_unit, request.current_officer, request.stage_index) == (desk["licensing"], officer, 1)
    task = open_task(request)
    assert (task.owner, task.status, task.owner_permission_obj_pk) == (
        officer,
        STATUS.ASSIGNED,
        str(request.current_unit_id),
    )
    assert TimelineEntry.objects.get(request=request, action="letter_referred").visible_to_citizen
    assert sms_events(request) == [*before, "stage_changed"]
    body = OutboxMessage.objects.filter(service_request=request, event="stage_changed").last().body
    assert "ادارهٔ صدور مجوز" in body and "زهرا مجوزی" in body
    # The engine agrees: the officer decides the request from there.
    act(client, officer, request, outcome=Outcome.APPROVE, comment="موافقت می‌شود")
    assert refreshed(request).status == RequestStatus.APPROVED


def test_referral_to_a_unit_alone_puts_the_request_in_that_units_queue(client, oa, desk):
    request = submit(desk["guide"])
    send_event(oa, registered_letter(request), unit={"code": "licensing", "name": "مجوزها"})
    request = refreshed(request)
    assert (request.current_unit, request.current_officer, request.status) == (
        desk["licensing"],
        None,
        RequestStatus.SUBMITTED,
    )
    claim(client, desk["licensing_officer"], request)
    assert refreshed(request).current_officer == desk["licensing_officer"]


def test_badly_signed_referral_changes_nothing(client, oa, desk):
    request = in_first_stage(client, desk)
    letter = registered_letter(request)
    messages_before, task_before = OutboxMessage.objects.count(), open_task(request)
    response = send_event(
        oa, letter, key=b"not-the-secret", unit={"code": "licensing"}, officer={"username": "l.officer"}
    )
    assert response.status_code == 401
    after = refreshed(request)
    assert (after.current_unit, after.current_officer, after.stage_index, after.status) == (
        desk["first_unit"],
        None,
        0,
        RequestStatus.IN_REVIEW,
    )
    task = open_task(after)
    assert (task.pk, task.owner_id, task.owner_permission_obj_pk) == (
        task_before.pk,
        None,
        task_before.owner_permission_obj_pk,
    )
    assert OutboxMessage.objects.count() == messages_before
    assert not TimelineEntry.objects.filter(action__startswith="letter_").exists()
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.REGISTERED


def test_reply_is_on_the_timeline_and_told_to_the_citizen_without_moving(client, oa, desk):
    request = in_first_stage(client, desk)
    letter = registered_letter(request)
    assert send_event(oa, letter, kind="replied").status_code == 200
    after = refreshed(request)
    assert (after.current_unit, after.stage_index) == (desk["first_unit"], 0)
    entry = TimelineEntry.objects.get(request=request, action="letter_replied")
    assert entry.visible_to_citizen and entry.label != "letter_replied"
    assert sms_events(request)[-1] == "letter_event"
    assert letter.number in OutboxMessage.objects.filter(event="letter_event").get().body


def test_referral_while_waiting_for_the_citizen_is_recorded_without_moving(client, oa, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="documents", documents=["photo"], comment="عکس")
    send_event(oa, registered_letter(request), unit={"code": "licensing", "name": "مجوزها"})
    after = refreshed(request)
    assert (after.status, after.current_unit) == (RequestStatus.AWAITING_CITIZEN, desk["intake_unit"])
    assert TimelineEntry.objects.get(request=request, action="letter_referred").unit == desk["licensing"]
    assert sms_events(request)[-1] == "letter_event"
    services.provide_documents(refreshed(request), {"photo": pdf_upload()})
    assert refreshed(request).status == RequestStatus.CHECKING_DOCUMENTS
