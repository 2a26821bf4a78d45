"""Calls to other systems (SMS gateways, office automation): which failures are worth retrying.

Timeouts, connection errors, 5xx and 429 are temporary: the outbox tries again later. Any other
4xx is permanent: the other side refused the request and will refuse it again.
"""

import requests


class RemoteError(Exception):
    """A call to another system failed; `retryable` says whether trying again later can help."""

    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


def is_retryable_status(status: int) -> bool:
    return status >= 500 or status == 429


def raise_for_status(status: int) -> None:
    """RemoteError for an error status (retryable or not), nothing for success."""
    if is_retryable_status(status):
        raise RemoteError(f"answered {status}")
    if status >= 400:
        raise RemoteError(f"refused ({status})", retryable=False)


def post(url: str, *, timeout: float, **kwargs) -> requests.Response:
    """requests.post whose failures, transport or status, are raised as RemoteError."""
    try:
        response = requests.post(url, timeout=timeout, **kwargs)
    except requests.Timeout:
        # `from None`: the original exception carries the URL, and some URLs hold an API key.
        raise RemoteError("timeout") from None
    except requests.RequestException as exc:
        raise RemoteError(f"unreachable: {type(exc).__name__}") from None
    raise_for_status(response.status_code)
    return response
