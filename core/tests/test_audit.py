"""core.audit: one door into an append-only log, and a read-only admin for it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from core.audit import client_ip, record
from core.models import AuditEvent, Holiday

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("audit-officer", password="pw")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("audit-admin", "audit-admin@example.invalid", "pw")


@pytest.fixture
def event(officer):
    return record(AuditEvent.Kind.LOGIN, actor=officer)


@pytest.fixture
def holiday():
    return Holiday.objects.order_by("date").first()


# --- record -------------------------------------------------------------------------------


def test_record_stores_the_kind_and_actor(officer):
    event = record(AuditEvent.Kind.LOGIN, actor=officer)
    assert (event.kind, event.actor) == (AuditEvent.Kind.LOGIN, officer)


def test_record_refers_to_the_object_by_label_and_id(holiday):
    event = record(AuditEvent.Kind.STATE_CHANGE, obj=holiday)
    assert (event.object_type, event.object_id) == ("core.holiday", str(holiday.pk))


def test_record_keeps_details_as_json():
    event = record(AuditEvent.Kind.DECISION, outcome="approve", stage=2)
    event.refresh_from_db()
    assert event.details == {"outcome": "approve", "stage": 2}


def test_record_stores_the_client_ip():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    assert record(AuditEvent.Kind.PERMISSION_DENIED, request=request).ip_address == "192.0.2.7"


def test_record_without_request_has_no_ip():
    assert record(AuditEvent.Kind.OTHER).ip_address is None


def test_record_drops_an_anonymous_actor():
    assert record(AuditEvent.Kind.LOGIN_FAILED, actor=AnonymousUser()).actor is None


def test_record_stamps_the_time():
    assert record(AuditEvent.Kind.OTHER).at is not None


def test_an_event_without_a_request_has_no_ip_address():
    assert client_ip(None) == "unknown"
    assert record(AuditEvent.Kind.OTHER).ip_address is None


def test_newest_events_come_first(officer):
    first = record(AuditEvent.Kind.LOGIN, actor=officer)
    second = record(AuditEvent.Kind.LOGIN, actor=officer)
    assert list(AuditEvent.objects.all()[:2]) == [second, first]


# --- append-only --------------------------------------------------------------------------


def test_saving_an_existing_event_raises(event):
    event.kind = AuditEvent.Kind.OTHER
    with pytest.raises(ValueError):
        event.save()


def test_a_refused_save_leaves_the_stored_event_unchanged(event):
    event.kind = AuditEvent.Kind.OTHER
    with pytest.raises(ValueError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).kind == AuditEvent.Kind.LOGIN


def test_deleting_an_event_raises(event):
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_bulk_update_raises(event):
    with pytest.raises(ValueError):
        AuditEvent.objects.filter(pk=event.pk).update(kind=AuditEvent.Kind.OTHER)
    assert AuditEvent.objects.get(pk=event.pk).kind == AuditEvent.Kind.LOGIN


def test_bulk_delete_raises(event):
    with pytest.raises(ValueError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_the_actor_keeps_the_event(officer, event):
    officer.delete()
    event.refresh_from_db()
    assert event.actor is None


# --- Django admin: read-only --------------------------------------------------------------


def test_admin_lists_audit_events(client, superuser, event):
    client.force_login(superuser)
    response = client.get(reverse("admin:core_auditevent_changelist"))
    assert response.status_code == 200
    assert reverse("admin:core_auditevent_change", args=[event.pk]) in response.content.decode()


def test_admin_offers_no_add_page(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:core_auditevent_add")).status_code == 403


def test_admin_shows_an_event_without_a_save_button(client, superuser, event):
    client.force_login(superuser)
    response = client.get(reverse("admin:core_auditevent_change", args=[event.pk]))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_admin_refuses_to_change_an_event(client, superuser, event):
    client.force_login(superuser)
    response = client.post(reverse("admin:core_auditevent_change", args=[event.pk]), {"kind": "other"})
    assert response.status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).kind == AuditEvent.Kind.LOGIN


def test_admin_refuses_to_delete_an_event(client, superuser, event):
    client.force_login(superuser)
    response = client.post(reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_offers_no_bulk_delete_action(client, superuser, event):
    client.force_login(superuser)
    response = client.get(reverse("admin:core_auditevent_changelist"))
    assert "delete_selected" not in response.content.decode()
