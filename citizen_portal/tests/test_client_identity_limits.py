"""One client identity (core.client.client_ip) behind every portal limiter: one attacker cannot lock
out, flood or out-throttle another citizen, and a forged X-Forwarded-For changes nothing.

Requests come through a trusted reverse proxy (REMOTE_ADDR 127.0.0.1, X-Forwarded-For naming the
citizen), as in docs/deploy.md; the live-server test connects from real loopback addresses instead.
"""

import http.client
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core import sms
from notifications.enums import Channel, Event
from notifications.models import OutboxMessage
from tests.factories import applicant_post
from workflows.models import ServiceRequest

from .files import pdf_file, png_file
from .helpers import apply_online

pytestmark = [pytest.mark.django_db, pytest.mark.security]

AREA = "client identity and limits"
TRACK = "/track/"
LOOKUP = "/api/v1/requests/lookup/"
WITHDRAW = "/api/v1/requests/withdraw/"
SUBMIT = "/api/v1/requests/"
PROXY = "127.0.0.1"
ATTACKER, CITIZEN = "198.51.100.2", "198.51.100.3"
WRONG_ID = "0000000001"


@pytest.fixture
def behind_proxy(settings):
    settings.DESK_TRUSTED_PROXIES = [f"{PROXY}/32"]
    return settings


def via_proxy(address: str) -> Client:
    """A browser at `address`, seen through the trusted proxy (which appends the real address)."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def _fa(msgid: str) -> str:
    with translation.override("fa"):
        return translation.gettext(msgid)


def _track(client, sr, national_id):
    return client.post(TRACK, {"tracking_code": sr.tracking_code, "national_id": national_id})


def _api(client, url, sr, national_id):
    return client.post(
        url, {"tracking_code": sr.tracking_code, "national_id": national_id}, content_type="application/json"
    )


# --- tracking look-up: HTML /track/, API look-up and withdraw ---------------------------------


@pytest.mark.parametrize("door", ["html", "api lookup", "api withdraw"])
def test_attacker_failing_twenty_times_on_a_code_cannot_lock_out_its_citizen(
    door, client, guide, behind_proxy, security_tally
):
    sr = apply_online(client, guide)
    attacker, citizen = via_proxy(ATTACKER), via_proxy(CITIZEN)

    def attempt(who, national_id):
        if door == "html":
            return _track(who, sr, national_id)
        return _api(who, LOOKUP if door == "api lookup" else WITHDRAW, sr, national_id)

    answers = [attempt(attacker, WRONG_ID).status_code for _ in range(20)]
    for status in answers:
        security_tally.attempt(AREA, refused=status in (400, 404, 429))
    assert answers[5:] == [429] * 15  # the (code, attacker) pair is locked after 5 failures
    assert attempt(attacker, applicant_post()["national_id"]).status_code == 429  # even with the right ID

    mine = attempt(citizen, applicant_post()["national_id"])
    security_tally.attempt(AREA, refused=mine.status_code >= 400, expected=True)
    assert mine.status_code == (302 if door == "html" else 200)


def test_failures_from_many_addresses_slow_the_code_but_let_its_citizen_in(client, guide, behind_proxy, security_tally):
    sr = apply_online(client, guide)
    for n in range(10):  # 10 failures from 10 addresses: the code is now slowed (PORTAL_TRACK_CODE_SLOWDOWN_AFTER)
        security_tally.attempt(AREA, refused=_track(via_proxy(f"203.0.113.{n}"), sr, WRONG_ID).status_code == 400)
    attacker = via_proxy("203.0.113.0")
    assert _track(attacker, sr, WRONG_ID).status_code == 400  # one try, then a pause for this address
    paced = _track(attacker, sr, WRONG_ID)
    security_tally.attempt(AREA, refused=paced.status_code == 429)
    assert paced.status_code == 429
    assert int(paced["Retry-After"]) == 30
    assert "۳۰" in paced.content.decode()  # "try again in 30 seconds", in Persian digits

    citizen = _track(via_proxy(CITIZEN), sr, applicant_post()["national_id"])
    security_tally.attempt(AREA, refused=citizen.status_code != 302, expected=True)
    assert citizen.status_code == 302


def test_an_address_failing_on_many_codes_is_locked_but_not_its_neighbours(client, guide, behind_proxy, security_tally):
    sr = apply_online(client, guide)
    attacker = via_proxy(ATTACKER)
    for n in range(20):  # 20 different codes: the per-address ceiling (4 x PORTAL_TRACK_MAX_FAILURES)
        attacker.post(TRACK, {"tracking_code": f"{10000000000000 + n}", "national_id": WRONG_ID})
    locked = _track(attacker, sr, applicant_post()["national_id"])
    security_tally.attempt(AREA, refused=locked.status_code == 429)
    assert locked.status_code == 429
    neighbour = _track(via_proxy(CITIZEN), sr, applicant_post()["national_id"])
    security_tally.attempt(AREA, refused=neighbour.status_code != 302, expected=True)
    assert neighbour.status_code == 302


def test_a_client_supplied_forwarded_for_cannot_escape_its_lockout(client, guide, behind_proxy, security_tally):
    sr = apply_online(client, guide)
    for n in range(8):  # the attacker prepends a new address each time; the proxy appends the real one
        forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}")
        status = _track(forged, sr, WRONG_ID).status_code
        security_tally.attempt(AREA, refused=status in (400, 429))
    assert status == 429


# --- DRF throttles -------------------------------------------------------------------------


def test_rotating_forwarded_for_from_an_untrusted_peer_does_not_bypass_the_submit_throttle(
    guide, settings, security_tally
):
    settings.DESK_TRUSTED_PROXIES = []
    settings.PORTAL_API_SUBMIT_RATE = "3/hour"
    answers = []
    for n in range(6):
        peer = Client(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR=f"10.9.{n}.{n}")
        answers.append(peer.post(SUBMIT, {"service": "none"}).status_code)
    for status in answers[3:]:
        security_tally.attempt(AREA, refused=status == 429)
    assert answers == [400, 400, 400, 429, 429, 429]
    other = Client(REMOTE_ADDR="203.0.113.51").post(SUBMIT, {"service": "none"})
    security_tally.attempt(AREA, refused=other.status_code == 429, expected=True)
    assert other.status_code == 400


def test_lookup_throttle_counts_each_citizen_behind_the_proxy_separately(behind_proxy, security_tally, db):
    behind_proxy.PORTAL_API_LOOKUP_RATE = "3/min"
    body = {"tracking_code": "1", "national_id": "1"}
    attacker = [via_proxy(ATTACKER).post(LOOKUP, body, content_type="application/json").status_code for _ in range(4)]
    security_tally.attempt(AREA, refused=attacker[-1] == 429)
    citizen = via_proxy(CITIZEN).post(LOOKUP, body, content_type="application/json").status_code
    security_tally.attempt(AREA, refused=citizen == 429, expected=True)
    assert attacker[-1] == 429 and citizen == 404  # answered, not throttled


# --- the HTML apply form -------------------------------------------------------------------


def _apply_form(client, guide):
    url = reverse("citizen_portal:apply", kwargs={"service_code": guide.service_code})
    files = {"document_national-card": pdf_file("card.pdf"), "document_ownership-deed": png_file("deed.png")}
    return client.post(url, {**applicant_post(), **files})


def test_html_apply_form_has_the_api_submit_throttle_and_stores_nothing_past_it(guide, behind_proxy, security_tally):
    behind_proxy.PORTAL_API_SUBMIT_RATE = "2/hour"
    attacker = via_proxy(ATTACKER)
    answers = [_apply_form(attacker, guide) for _ in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 429, 429]
    for answer in answers[2:]:
        security_tally.attempt(AREA, refused=answer.status_code == 429)
    assert ServiceRequest.objects.count() == 2
    assert OutboxMessage.objects.filter(event=Event.REGISTERED, channel=Channel.SMS).count() == 2  # no SMS either
    refused = answers[-1]
    assert _fa("Too many applications were sent from your connection. Please try again later.") in (
        refused.content.decode()
    )
    assert int(refused["Retry-After"]) > 0

    citizen = _apply_form(via_proxy(CITIZEN), guide)
    security_tally.attempt(AREA, refused=citizen.status_code != 302, expected=True)
    assert citizen.status_code == 302


def test_html_form_and_api_share_one_submit_budget(guide, behind_proxy, security_tally):
    behind_proxy.PORTAL_API_SUBMIT_RATE = "2/hour"
    attacker = via_proxy(ATTACKER)
    attacker.post(SUBMIT, {"service": "none"})
    attacker.post(SUBMIT, {"service": "none"})
    refused = _apply_form(attacker, guide)
    security_tally.attempt(AREA, refused=refused.status_code == 429)
    assert refused.status_code == 429
    assert ServiceRequest.objects.count() == 0


# --- receipt and status pages --------------------------------------------------------------


def _unknown_code(sr) -> str:
    code = sr.tracking_code
    return code[:-1] + ("0" if code[-1] != "0" else "1")


@pytest.mark.parametrize("page", ["citizen_portal:receipt", "citizen_portal:receipt_pdf", "citizen_portal:status"])
def test_no_such_code_and_not_yours_get_the_same_answer(page, client, guide, behind_proxy, security_tally):
    sr = apply_online(client, guide)
    stranger = via_proxy(ATTACKER)
    existing = stranger.get(reverse(page, args=[sr.tracking_code]))
    missing = stranger.get(reverse(page, args=[_unknown_code(sr)]))
    for answer in (existing, missing):
        security_tally.attempt(AREA, refused=answer.status_code == 403)
    assert existing.status_code == missing.status_code == 403
    body = existing.content.decode().replace(sr.tracking_code, "CODE")
    assert body == missing.content.decode().replace(_unknown_code(sr), "CODE")
    assert client.get(reverse(page, args=[sr.tracking_code])).status_code == 200  # the citizen's own session


def test_receipt_refusals_are_throttled_per_address(client, guide, behind_proxy, security_tally):
    behind_proxy.PORTAL_ACCESS_DENIALS_PER_IP = 3
    sr = apply_online(client, guide)
    prober = via_proxy(ATTACKER)
    answers = [
        prober.get(reverse("citizen_portal:receipt", args=[f"{20000000000000 + n}"])).status_code for n in range(5)
    ]
    for status in answers:
        security_tally.attempt(AREA, refused=status in (403, 429))
    assert answers == [403, 403, 403, 429, 429]
    # the citizen (own session, another address behind the same proxy) is not affected
    citizen = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CITIZEN)
    citizen.cookies = client.cookies
    mine = citizen.get(reverse("citizen_portal:receipt", args=[sr.tracking_code]))
    security_tally.attempt(AREA, refused=mine.status_code != 200, expected=True)
    assert mine.status_code == 200


# --- one-time codes for "my requests" ------------------------------------------------------


def test_otp_sends_are_limited_per_citizen_address_not_per_proxy(behind_proxy, security_tally, db):
    behind_proxy.PORTAL_OTP_SENDS_PER_IP = 3
    start = reverse("citizen_portal:my_requests")
    attacker = via_proxy(ATTACKER)
    answers = [attacker.post(start, {"mobile": f"0912000{n:04d}"}).status_code for n in range(5)]
    for status in answers[3:]:
        security_tally.attempt(AREA, refused=status == 429)
    assert answers == [302, 302, 302, 429, 429]
    assert len(sms.outbox) == 3
    citizen = via_proxy(CITIZEN).post(start, {"mobile": "09129998877"})
    security_tally.attempt(AREA, refused=citizen.status_code != 302, expected=True)
    assert citizen.status_code == 302


def test_a_refused_address_does_not_spend_the_mobiles_otp_budget(behind_proxy, security_tally, db):
    behind_proxy.PORTAL_OTP_SENDS_PER_IP = 1
    start = reverse("citizen_portal:my_requests")
    attacker = via_proxy(ATTACKER)
    attacker.post(start, {"mobile": "09120000001"})
    for _ in range(5):
        security_tally.attempt(AREA, refused=attacker.post(start, {"mobile": "09121112233"}).status_code == 429)
    citizen = via_proxy(CITIZEN).post(start, {"mobile": "09121112233"})
    security_tally.attempt(AREA, refused=citizen.status_code != 302, expected=True)
    assert citizen.status_code == 302


# --- a real HTTP server, real source addresses ----------------------------------------------


def _post_from(source: str, live_server, path: str, body: dict, forwarded_for: str = "") -> int:
    host, port = live_server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
    headers = {"Content-Type": "application/json"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    try:
        connection.request("POST", path, body=json.dumps(body), headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a live server sees committed data only
def test_live_server_attacker_on_127_0_0_2_cannot_lock_out_citizen_on_127_0_0_3(live_server, settings, security_tally):
    from tests.factories import staffed_guide

    settings.DESK_TRUSTED_PROXIES = []  # no proxy: REMOTE_ADDR is the real peer, X-Forwarded-For is ignored
    guide = staffed_guide()
    sr = apply_online(Client(), guide)
    wrong = {"tracking_code": sr.tracking_code, "national_id": WRONG_ID}
    answers = [_post_from("127.0.0.2", live_server, LOOKUP, wrong, forwarded_for=f"10.0.0.{n}") for n in range(20)]
    for status in answers:
        security_tally.attempt(AREA, refused=status in (404, 429))
    assert answers[:5] == [404] * 5 and answers[5:] == [429] * 15  # the forged header bought nothing

    right = {"tracking_code": sr.tracking_code, "national_id": applicant_post()["national_id"]}
    assert _post_from("127.0.0.2", live_server, LOOKUP, right) == 429
    citizen = _post_from("127.0.0.3", live_server, LOOKUP, right)
    security_tally.attempt(AREA, refused=citizen != 200, expected=True)
    assert citizen == 200
