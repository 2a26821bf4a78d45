"""Subscription confirmation codes are limited per mobile over all services and per client address
(core.client.client_ip), so one mobile followed on 13 services does not get 13 SMS at once."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from notifications.enums import Channel, Event
from notifications.models import OutboxMessage, Subscription
from tests.factories import FINAL, UnitFactory, build_guide

pytestmark = [pytest.mark.django_db, pytest.mark.security]

AREA = "client identity and limits"
PROXY = "127.0.0.1"
VICTIM = "09120007777"


@pytest.fixture
def guides():
    unit = UnitFactory()
    return [build_guide([(unit, FINAL)], title=f"service {n}") for n in range(13)]


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    settings.DESK_TRUSTED_PROXIES = [f"{PROXY}/32"]


def via_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def _subscribe(client, guide, mobile):
    return client.post(reverse("notifications:subscribe", args=[guide.service_code]), {"mobile": mobile})


def _codes_queued() -> int:
    return OutboxMessage.objects.filter(event=Event.SUBSCRIPTION_CODE, channel=Channel.SMS).count()


def test_one_mobile_on_thirteen_services_gets_at_most_three_codes(guides, security_tally):
    answers = [_subscribe(via_proxy(f"203.0.113.{n}"), guide, VICTIM) for n, guide in enumerate(guides)]
    for answer in answers[3:]:
        security_tally.attempt(AREA, refused=answer.status_code == 429)
    assert [a.status_code for a in answers] == [302] * 3 + [429] * 10
    assert _codes_queued() == 3
    assert Subscription.objects.filter(mobile=VICTIM).count() == 3  # the refused ones were not created
    with translation.override("fa"):
        message = translation.gettext("Too many confirmation codes were requested. Please try again later.")
    assert message in answers[-1].content.decode()


def test_one_address_subscribing_many_mobiles_is_limited(guides, settings, security_tally):
    settings.NOTIFICATIONS_CODES_PER_IP = 4
    attacker = via_proxy("198.51.100.2")
    answers = [_subscribe(attacker, guides[0], f"0912100{n:04d}").status_code for n in range(6)]
    for status in answers[4:]:
        security_tally.attempt(AREA, refused=status == 429)
    assert answers == [302] * 4 + [429] * 2
    citizen = _subscribe(via_proxy("198.51.100.3"), guides[0], "09121119999")
    security_tally.attempt(AREA, refused=citizen.status_code != 302, expected=True)
    assert citizen.status_code == 302
    assert _codes_queued() == 5


def test_a_refused_address_does_not_spend_the_mobiles_budget(guides, settings, security_tally):
    settings.NOTIFICATIONS_CODES_PER_IP = 1
    attacker = via_proxy("198.51.100.2")
    _subscribe(attacker, guides[0], "09121000001")
    for guide in guides[1:6]:
        security_tally.attempt(AREA, refused=_subscribe(attacker, guide, VICTIM).status_code == 429)
    citizen = _subscribe(via_proxy("198.51.100.3"), guides[0], VICTIM)
    security_tally.attempt(AREA, refused=citizen.status_code != 302, expected=True)
    assert citizen.status_code == 302
