"""Publishing a guide with "notify subscribers" ticked sends the change and the document difference."""

import pytest
from django.core import mail

from cms.enums import DocumentForm
from cms.models import GuideDocument, ServiceGuidePage
from core import sms
from notifications import delivery
from notifications.docdiff import diff_documents
from notifications.enums import Event, SubscriptionStatus
from notifications.models import OutboxMessage, Subscription
from tests.factories import FINAL, RequiredDocumentFactory, UnitFactory, build_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return build_guide([(UnitFactory(), FINAL)], documents=("id-card", "photo", "lease"))


def _publish_change(guide, django_capture_on_commit_callbacks, *, notify=True):
    """Remove the photo, add a birth certificate, ask for the original ID card in two copies."""
    page = ServiceGuidePage.objects.get(pk=guide.pk)
    birth = RequiredDocumentFactory(key="birth-cert", name="شناسنامه")
    kept = {d.document.key: d for d in page.documents.all()}
    page.documents = [
        GuideDocument(document=kept["id-card"].document, form=DocumentForm.ORIGINAL, copies=2),
        GuideDocument(document=kept["lease"].document),
        GuideDocument(document=birth),
    ]
    page.change_note = "مدارک لازم به‌روز شد."
    page.notify_subscribers = notify
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return kept


def test_document_difference_is_computed_from_the_two_revisions(guide, django_capture_on_commit_callbacks):
    old = ServiceGuidePage.objects.get(pk=guide.pk).live_revision
    kept = _publish_change(guide, django_capture_on_commit_callbacks, notify=False)
    new = ServiceGuidePage.objects.get(pk=guide.pk).live_revision
    diff = diff_documents(old.content, new.content)
    assert diff.added == ["شناسنامه"]
    assert diff.removed == [kept["photo"].document.name]
    assert [name for name, _labels in diff.changed] == [kept["id-card"].document.name]


def test_confirmed_subscribers_get_the_change_note_and_document_difference(guide, django_capture_on_commit_callbacks):
    Subscription.objects.create(guide=guide, mobile="09120001111", status=SubscriptionStatus.CONFIRMED)
    Subscription.objects.create(guide=guide, email="f@example.invalid", status=SubscriptionStatus.CONFIRMED)
    Subscription.objects.create(guide=guide, mobile="09120002222", status=SubscriptionStatus.PENDING)
    Subscription.objects.create(guide=guide, mobile="09120003333", status=SubscriptionStatus.UNSUBSCRIBED)
    kept = _publish_change(guide, django_capture_on_commit_callbacks)
    delivery.deliver_due()
    assert [m.mobile for m in sms.outbox] == ["09120001111"]
    text = sms.outbox[0].text
    assert "مدارک لازم به‌روز شد." in text and "شناسنامه" in text
    assert kept["photo"].document.name in text and kept["id-card"].document.name in text
    assert text.endswith("لغو ۱۱")
    assert mail.outbox[-1].to == ["f@example.invalid"] and "/unsubscribe/" in mail.outbox[-1].body


def test_publish_without_the_tick_notifies_nobody(guide, django_capture_on_commit_callbacks):
    Subscription.objects.create(guide=guide, mobile="09120001111", status=SubscriptionStatus.CONFIRMED)
    _publish_change(guide, django_capture_on_commit_callbacks, notify=False)
    assert not OutboxMessage.objects.filter(event=Event.PROCEDURE_CHANGED).exists()


def test_fan_out_creates_rows_in_bulk_and_runs_once_per_revision(
    guide, django_capture_on_commit_callbacks, monkeypatch
):
    from notifications import subscriptions

    monkeypatch.setattr(subscriptions, "FAN_OUT_BATCH", 100)
    Subscription.objects.bulk_create(
        Subscription(guide=guide, mobile=f"0912100{n:04d}", status=SubscriptionStatus.CONFIRMED, token=f"tok{n}")
        for n in range(250)
    )
    _publish_change(guide, django_capture_on_commit_callbacks)
    page = ServiceGuidePage.objects.get(pk=guide.pk)
    assert OutboxMessage.objects.filter(event=Event.PROCEDURE_CHANGED).count() == 250
    again = subscriptions.fan_out(page.pk, page.live_revision_id, None)
    assert again == 250 and OutboxMessage.objects.filter(event=Event.PROCEDURE_CHANGED).count() == 250
