"""'My requests' with a one-time SMS code: expiry, single use, throttling, hashed storage."""

import datetime as dt
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citizen_portal.models import OneTimeCode
from core import sms

from .helpers import apply_online

START = reverse("citizen_portal:my_requests")
CODE = reverse("citizen_portal:my_requests_code")
LIST = reverse("citizen_portal:my_requests_list")


def _sent_code() -> str:
    return re.search(r"\d{6}", sms.outbox[-1].text).group(0)


def _ask(client, mobile="09120001234"):
    return client.post(START, {"mobile": mobile})


def test_code_is_sent_by_sms_to_the_normalised_mobile(client, db):
    response = _ask(client, "+98 912 000 1234")
    assert response.status_code == 302
    assert sms.outbox[-1].mobile == "09120001234"


def test_code_is_stored_only_as_a_hash(client, db):
    _ask(client)
    row = OneTimeCode.objects.get()
    assert _sent_code() not in row.code_hash
    assert "09120001234" not in row.mobile_hash


def test_right_code_lists_the_mobiles_requests(client, guide):
    sr = apply_online(Client(), guide)
    other = apply_online(Client(), guide, mobile="09120009999")
    _ask(client)
    client.post(CODE, {"code": _sent_code()})
    html = client.get(LIST).content.decode()
    assert reverse("citizen_portal:status", args=[sr.tracking_code]) in html
    assert reverse("citizen_portal:status", args=[other.tracking_code]) not in html
    assert client.get(reverse("citizen_portal:status", args=[sr.tracking_code])).status_code == 200


def test_code_works_only_once(client, db):
    _ask(client)
    code = _sent_code()
    assert client.post(CODE, {"code": code}).status_code == 302
    second = Client()
    session = second.session
    session["portal_otp_mobile"] = "09120001234"
    session.save()
    assert second.post(CODE, {"code": code}).status_code == 400


def test_expired_code_is_refused(client, db):
    _ask(client)
    OneTimeCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.post(CODE, {"code": _sent_code()}).status_code == 400
    assert client.get(LIST).status_code == 302


def test_code_burns_after_too_many_wrong_guesses(client, db, settings):
    settings.PORTAL_OTP_MAX_ATTEMPTS = 3
    _ask(client)
    code = _sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        client.post(CODE, {"code": wrong})
    assert client.post(CODE, {"code": code}).status_code == 400


def test_sending_is_throttled_per_mobile(client, db, settings):
    settings.PORTAL_OTP_SENDS_PER_MOBILE = 2
    assert [_ask(Client(REMOTE_ADDR=f"10.1.0.{n}")).status_code for n in range(3)] == [302, 302, 429]
    assert len(sms.outbox) == 2


def test_sending_is_throttled_per_ip(client, db, settings):
    settings.PORTAL_OTP_SENDS_PER_IP = 2
    results = [_ask(client, f"0912000{n:04d}").status_code for n in range(3)]
    assert results == [302, 302, 429]


def test_a_new_code_replaces_the_old_one(client, db):
    _ask(client)
    first = _sent_code()
    _ask(client)
    second = _sent_code()
    if first != second:
        assert client.post(CODE, {"code": first}).status_code == 400
    assert client.post(CODE, {"code": second}).status_code == 302


def test_list_needs_a_verified_mobile(client, db):
    assert client.get(LIST).status_code == 302
