"""core.client.client_ip: X-Forwarded-For only from trusted proxies, never forgeable by the client."""

import pytest
from django.test import RequestFactory

from core.client import client_ip

rf = RequestFactory()


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.DESK_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_trusted_proxy_gives_the_address_it_appended(settings):
    settings.DESK_TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert client_ip(request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"


def test_a_client_cannot_forge_the_address_by_prepending(settings):
    settings.DESK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real peer 198.51.100.7.
    assert client_ip(request("10.0.0.5", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.DESK_TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.0.0/16"]
    assert client_ip(request("10.0.0.5", "198.51.100.7, 192.168.1.1")) == "198.51.100.7"


def test_an_untrusted_peer_with_the_header_is_taken_as_itself(settings):
    settings.DESK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "not-an-ip", "999.1.1.1"])
def test_a_missing_or_malformed_header_falls_back_to_the_proxy(settings, forwarded):
    settings.DESK_TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert client_ip(request("127.0.0.1", forwarded)) == "127.0.0.1"


def test_ipv6_peers_and_networks(settings):
    settings.DESK_TRUSTED_PROXIES = ["::1/128"]
    assert client_ip(request("::1", "2001:db8::5")) == "2001:db8::5"


def test_the_setting_may_be_a_comma_separated_string(settings):
    settings.DESK_TRUSTED_PROXIES = "127.0.0.1/32, 10.0.0.0/8"
    assert client_ip(request("10.1.2.3", "198.51.100.2")) == "198.51.100.2"
