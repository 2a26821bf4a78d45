"""Rotating DESK_LOOKUP_KEY: tracking look-ups keep working before, during and after `rekey_lookups`."""

import io

import pytest
from django.core.management import call_command

from core.digests import NATIONAL_ID, keyed_digest
from tests.factories import FINAL, UnitFactory, build_guide, submit
from workflows import services
from workflows.models import Applicant, ServiceRequest

pytestmark = pytest.mark.django_db

OLD_KEY = "old-lookup-key-used-before-the-rotation"
NEW_KEY = "new-lookup-key-used-after-the-rotation"


@pytest.fixture
def request_under_old_key(settings):
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = OLD_KEY, ""
    return submit(build_guide([(UnitFactory(), FINAL)]))


def _rotate(settings):
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = NEW_KEY, OLD_KEY


def _rekey() -> str:
    out = io.StringIO()
    call_command("rekey_lookups", stdout=out)
    return out.getvalue()


def _found(service_request) -> bool:
    return (
        services.find_request(service_request.tracking_code, service_request.applicant.national_id) == service_request
    )


def test_tracking_lookup_works_during_a_rotation_before_rekeying(settings, request_under_old_key):
    _rotate(settings)
    assert _found(request_under_old_key)
    national_id = request_under_old_key.applicant.national_id
    assert list(ServiceRequest.objects.of_national_id(national_id)) == [request_under_old_key]


def test_rekeying_lets_the_previous_key_be_dropped(settings, request_under_old_key):
    _rotate(settings)
    assert "applicant national IDs: 1 re-keyed" in _rekey()
    applicant = Applicant.objects.get(pk=request_under_old_key.applicant_id)
    assert applicant.national_id_hash == keyed_digest(NATIONAL_ID, applicant.national_id)
    assert _found(request_under_old_key)
    settings.DESK_LOOKUP_KEY_PREVIOUS = ""
    assert _found(request_under_old_key)


def test_rekeying_twice_changes_nothing_more(settings, request_under_old_key):
    _rotate(settings)
    _rekey()
    assert "applicant national IDs: 0 re-keyed" in _rekey()


def test_dropping_the_previous_key_without_rekeying_loses_the_lookup(settings, request_under_old_key):
    """Why the command exists: the stored digests are still under the old key."""
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = NEW_KEY, ""
    assert not _found(request_under_old_key)


def test_changing_secret_key_alone_keeps_tracking_lookups_working(settings, request_under_old_key):
    settings.SECRET_KEY = "a-new-secret-key-that-has-nothing-to-do-with-look-ups"
    assert _found(request_under_old_key)
    assert "applicant national IDs: 0 re-keyed" in _rekey()
