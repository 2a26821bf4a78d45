"""The client's real address: the one identity every limiter, throttle, lockout and audit event uses.

Behind a reverse proxy REMOTE_ADDR is the proxy's. `X-Forwarded-For` is honoured only when the
connection comes from a proxy listed in settings.DESK_TRUSTED_PROXIES (CIDRs), and then only the
right-most address not itself a trusted proxy is taken: a client can prepend whatever it likes,
but cannot forge what the trusted proxies appended.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def trusted_networks() -> tuple:
    configured = getattr(settings, "DESK_TRUSTED_PROXIES", ()) or ()
    if isinstance(configured, str):
        configured = configured.split(",")
    return _networks(tuple(configured))


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the client that made `request` (never a trusted proxy's, never forged)."""
    if request is None:
        return UNKNOWN
    meta = getattr(request, "META", {})
    peer = _parse(meta.get("REMOTE_ADDR") or "")
    if peer is None:
        return UNKNOWN
    networks = trusted_networks()
    if not networks or not _trusted(peer, networks):
        return str(peer)
    chain = [_parse(part) for part in (meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
    for hop in reversed(chain):
        if hop is None:
            break  # a malformed hop: stop at the last address we could trust
        if not _trusted(hop, networks):
            return str(hop)
        peer = hop
    return str(peer)
