"""Connector plug-ins by name; settings.CORRESPONDENCE_CONNECTOR picks one (default "rest")."""

from django.conf import settings

from .base import Connector

_connectors: dict[str, type[Connector]] = {}


def register(cls: type[Connector]) -> type[Connector]:
    _connectors[cls.name] = cls
    return cls


def get_connector() -> Connector:
    from . import rest  # noqa: F401  (registers the built-in connector)

    name = getattr(settings, "CORRESPONDENCE_CONNECTOR", "rest")
    return _connectors[name]()


def is_enabled() -> bool:
    return bool(getattr(settings, "CORRESPONDENCE_URL", ""))
