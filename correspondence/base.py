"""What every office-automation connector does; concrete ones live beside this (rest.py)."""

from notifications.backends import DeliveryError


class ConnectorError(DeliveryError):
    """The correspondence system could not take the letter; retryable unless said otherwise."""


class Connector:
    """Send a request as a letter; return the letter number the system gives it.

    Must be idempotent on idempotency_key: a retry after a lost answer returns the same number.
    """

    name = ""

    def send_letter(self, letter: dict, *, idempotency_key: str) -> str:
        raise NotImplementedError
