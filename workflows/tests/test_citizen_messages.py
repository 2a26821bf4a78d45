"""What the citizen is told: one outbox event per change, written in the change's own transaction."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import reverse

from cms.enums import Outcome, Role
from core import sms
from notifications import delivery
from notifications.enums import Channel
from notifications.models import OutboxMessage
from tests.factories import FINAL, UnitFactory, applicant_data, build_guide, member, pdf_upload, submit
from workflows import services

from .helpers import act, claim, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.SMS_BACKEND = "core.sms.LocmemBackend"
    settings.CORRESPONDENCE_URL = ""
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def desk():
    intake, stage_unit = UnitFactory(name="دفتر پذیرش"), UnitFactory(name="ادارهٔ صدور مجوز")
    guide = build_guide([(stage_unit, FINAL)], intake_unit=intake)
    return {
        "guide": guide,
        "intake_unit": intake,
        "stage_unit": stage_unit,
        "intake": member(intake, first_name="مریم", last_name="پذیرشی"),
        "officer": member(stage_unit, first_name="علی", last_name="کارشناسی"),
    }


class Messages:
    """The request's citizen messages (SMS), read in the order they were queued."""

    def __init__(self, service_request):
        self.request = service_request
        self.seen = 0

    def all(self):
        return OutboxMessage.objects.filter(service_request=self.request, channel=Channel.SMS).order_by("pk")

    def new(self) -> list[str]:
        events = list(self.all().values_list("event", flat=True))
        fresh, self.seen = events[self.seen :], len(events)
        return fresh


def test_walkthrough_queues_each_message_with_its_change(client, desk):
    request = submit(desk["guide"])
    messages = Messages(request)
    assert messages.new() == ["registered"]

    claim(client, desk["intake"], request)
    assert messages.new() == ["stage_changed"]
    act(client, desk["intake"], request, result="complete", comment="مدارک کامل است")
    assert messages.new() == ["stage_changed"]  # entered the first stage, in its unit's queue

    claim(client, desk["officer"], request)
    assert messages.new() == ["stage_changed"]
    act(client, desk["officer"], request, outcome=Outcome.DOCUMENTS, documents=["photo"], comment="عکس خوانا نیست")
    assert messages.new() == ["documents_requested"]

    services.provide_documents(refreshed(request), {"photo": pdf_upload("new.pdf")})
    assert messages.new() == ["stage_changed"]  # back in the stage's queue

    act(client, desk["officer"], request, outcome=Outcome.APPROVE, comment="موافقت می‌شود")
    assert messages.new() == ["stage_changed", "decided", "survey_invitation"]
    assert refreshed(request).decision_letter


def test_stage_message_names_the_unit_and_the_officer(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="کامل")
    claim(client, desk["officer"], request)
    body = Messages(request).all().filter(event="stage_changed").last().body
    assert "ادارهٔ صدور مجوز" in body and "علی کارشناسی" in body


def test_stage_entry_message_says_no_officer_is_assigned_yet(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="کامل")
    body = Messages(request).all().filter(event="stage_changed").last().body
    assert "ادارهٔ صدور مجوز" in body and "هنوز تعیین نشده" in body


def test_head_assigning_an_officer_tells_the_citizen_who(client, desk):
    head = member(desk["stage_unit"], role=Role.HEAD, first_name="رضا", last_name="مدیری")
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="کامل")
    services.assign_task(refreshed(request), desk["officer"], by=head)
    body = Messages(request).all().last().body
    assert "علی کارشناسی" in body


def test_documents_message_names_the_documents_asked_for(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="documents", documents=["id-card", "photo"], comment="ناخوانا")
    body = Messages(request).all().get(event="documents_requested").body
    assert "مدرک" in body and "، " in body


def test_decision_invites_the_citizen_to_the_portal_survey(client, desk):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="کامل")
    act(client, desk["officer"], request, outcome=Outcome.REJECT, comment="مدارک جعلی است")
    messages = Messages(request).all()
    assert "رد" in messages.get(event="decided").body
    link = "http://testserver" + reverse("citizen_portal:survey", args=[request.tracking_code])
    assert link in messages.get(event="survey_invitation").body


def test_cancelling_sends_the_reason_and_a_survey_invitation(client, desk):
    manager = member(UnitFactory(), role=Role.CLERK)
    manager.user_permissions.add(Permission.objects.get(codename="cancel_request"))
    request = submit(desk["guide"])
    services.cancel_request(request, actor=manager, reason="درخواست تکراری")
    messages = Messages(request)
    assert messages.new() == ["registered", "closed", "survey_invitation"]
    assert "درخواست تکراری" in messages.all().get(event="closed").body


def test_withdrawal_sends_withdrawn_and_no_survey(desk):
    request = submit(desk["guide"])
    services.withdraw_request(request, reason="منصرف شدم")
    assert Messages(request).new() == ["registered", "withdrawn"]


def test_rolled_back_submission_leaves_no_message():
    guide = build_guide([(UnitFactory(), FINAL)])
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            submit(guide)
            raise RuntimeError("the rest of the change failed")
    assert not OutboxMessage.objects.exists()


def test_refused_claim_creates_no_message(client, desk):
    outsider = member(UnitFactory())
    request = submit(desk["guide"])
    claim(client, outsider, request)
    assert Messages(request).new() == ["registered"]
    assert refreshed(request).current_officer is None


def test_messages_are_sent_after_commit_to_the_applicants_mobile(desk, django_capture_on_commit_callbacks):
    applicant = applicant_data()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request = submit(desk["guide"], applicant=applicant)
    assert sms.outbox == [] and callbacks  # nothing leaves inside the transaction
    for callback in callbacks:
        callback()
    assert [m.mobile for m in sms.outbox] == [applicant.mobile]
    assert OutboxMessage.objects.get(service_request=request).status == "sent"


def test_no_message_carries_the_applicants_personal_data(client, desk):
    applicant = applicant_data()
    applicant.email = "citizen@example.invalid"
    applicant.last_name = "نام‌خانوادگی‌یکتا"
    request = submit(desk["guide"], applicant=applicant)
    act(client, desk["intake"], request, result="complete", comment="کامل")
    act(client, desk["officer"], request, outcome=Outcome.APPROVE, comment="موافقت")
    delivery.deliver_due()
    stored = OutboxMessage.objects.filter(service_request=request)
    assert stored.filter(channel=Channel.EMAIL).exists()
    for message in stored:
        text = " ".join([message.subject, message.body, str(message.payload)])
        for personal in (applicant.national_id, applicant.mobile, applicant.email, applicant.last_name):
            assert personal not in text
