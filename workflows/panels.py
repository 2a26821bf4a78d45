"""Rows that integrations add to the officer's request page, so `workflows` imports none of them.

An integration registers a function in its AppConfig.ready(); the function gets the request and
returns (label, html) or None. The html must be rendered by a template (autoescaped).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

from .models import ServiceRequest

RequestPanel = Callable[[ServiceRequest], "tuple[str, SafeString] | None"]

_panels: list[RequestPanel] = []


def register(panel: RequestPanel) -> RequestPanel:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def rows_for(service_request: ServiceRequest) -> list[tuple[str, SafeString]]:
    return [row for panel in _panels if (row := panel(service_request)) is not None]
