"""Which failures of another system are worth retrying (core.http), for every caller."""

import pytest
import requests

from core import http


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_rate_limits_are_retryable(status):
    with pytest.raises(http.RemoteError) as error:
        http.raise_for_status(status)
    assert error.value.retryable


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_client_errors_are_permanent(status):
    with pytest.raises(http.RemoteError) as error:
        http.raise_for_status(status)
    assert not error.value.retryable


@pytest.mark.parametrize("status", [200, 201, 204])
def test_success_raises_nothing(status):
    http.raise_for_status(status)


def test_a_timeout_is_retryable_and_hides_the_url(monkeypatch):
    def timeout(url, **kwargs):
        raise requests.Timeout(f"read timed out: {url}")

    monkeypatch.setattr(requests, "post", timeout)
    with pytest.raises(http.RemoteError) as error:
        http.post("https://gateway.example/v1/SECRET-API-KEY/send", timeout=1)
    assert error.value.retryable and str(error.value) == "timeout"
    assert error.value.__cause__ is None and error.value.__suppress_context__


def test_an_unreachable_host_is_retryable():
    with pytest.raises(http.RemoteError) as error:
        http.post("http://127.0.0.1:9/send", timeout=0.5)
    assert error.value.retryable and str(error.value).startswith("unreachable")


def test_the_sms_backend_and_the_letter_connector_classify_alike(settings):
    from correspondence.base import ConnectorError
    from notifications.backends import DeliveryError, _raise_for_status

    assert issubclass(ConnectorError, DeliveryError)
    for status, retryable in [(503, True), (429, True), (400, False)]:
        with pytest.raises(DeliveryError) as error:
            _raise_for_status(status)
        assert error.value.retryable is retryable
