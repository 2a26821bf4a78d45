"""SMS opt-outs survive a DESK_LOOKUP_KEY rotation: honoured during it, re-keyed by `rekey_lookups`."""

import hashlib
import hmac
import io

import pytest
from django.core.management import call_command

from notifications.channels import has_opted_out, mobile_digest
from notifications.models import SmsOptOut
from notifications.subscriptions import handle_sms_keyword
from tests.factories import FINAL, UnitFactory, build_guide, submit

pytestmark = pytest.mark.django_db

OLD_KEY = "old-lookup-key-used-before-the-rotation"
NEW_KEY = "new-lookup-key-used-after-the-rotation"


@pytest.fixture
def mobile(settings):
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = OLD_KEY, ""
    request = submit(build_guide([(UnitFactory(), FINAL)]))
    return request.applicant.mobile


def _rekey() -> str:
    out = io.StringIO()
    call_command("rekey_lookups", stdout=out)
    return out.getvalue()


def test_an_opt_out_is_honoured_through_a_rotation(settings, mobile):
    handle_sms_keyword(mobile, "11")
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = NEW_KEY, OLD_KEY
    assert has_opted_out(mobile)
    assert "SMS opt-outs: 1 re-keyed" in _rekey()
    settings.DESK_LOOKUP_KEY_PREVIOUS = ""
    assert has_opted_out(mobile)
    assert list(SmsOptOut.objects.values_list("mobile_hash", flat=True)) == [mobile_digest(mobile)]


def test_opting_back_in_during_a_rotation_removes_the_old_opt_out(settings, mobile):
    handle_sms_keyword(mobile, "11")
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = NEW_KEY, OLD_KEY
    handle_sms_keyword(mobile, "12")
    assert not has_opted_out(mobile)


def test_opt_outs_keyed_with_secret_key_by_earlier_versions_are_carried_over(settings, mobile):
    legacy = hmac.new(settings.SECRET_KEY.encode(), mobile.encode(), hashlib.sha256).hexdigest()
    SmsOptOut.objects.create(mobile_hash=legacy)
    assert "SMS opt-outs: 1 re-keyed" in _rekey()
    assert has_opted_out(mobile)
    assert not SmsOptOut.objects.filter(mobile_hash=legacy).exists()
