"""HMAC-SHA256 signatures over timestamp, nonce and body, both ways, with a replay window.

X-Desk-Timestamp: 1767000000            (Unix seconds)
X-Desk-Nonce:     9f1c…                 (random, used once)
X-Desk-Signature: sha256=<hex of HMAC(secret, f"{timestamp}.{nonce}." + body)>

Outbound calls (our letters to the office-automation system) use CORRESPONDENCE_SECRET; inbound
webhook calls are verified with the calling partner's own secret (PartnerToken.webhook_secret),
never with a shared one.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings

from notifications.clock import now

TIMESTAMP, NONCE, SIGNATURE = "X-Desk-Timestamp", "X-Desk-Nonce", "X-Desk-Signature"


def replay_window() -> int:
    return int(getattr(settings, "CORRESPONDENCE_REPLAY_WINDOW", 300))


def secret() -> bytes:
    return (getattr(settings, "CORRESPONDENCE_SECRET", "") or "").encode()


def signature(key: bytes, timestamp: str, nonce: str, body: bytes) -> str:
    mac = hmac.new(key, f"{timestamp}.{nonce}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def signed_headers(body: bytes, *, key: bytes | None = None) -> dict[str, str]:
    timestamp, nonce = str(int(now().timestamp())), secrets.token_hex(16)
    return {TIMESTAMP: timestamp, NONCE: nonce, SIGNATURE: signature(key or secret(), timestamp, nonce, body)}


class SignatureError(Exception):
    """Why a call was refused (for the audit log; never echoed with details to the caller)."""


@dataclass(frozen=True)
class Verified:
    timestamp: int
    nonce: str


def verify(headers, body: bytes, *, key: bytes) -> Verified:
    """Check signature and freshness with the caller's own key; the caller must still record the
    nonce (see webhook)."""
    if not key:
        raise SignatureError("no webhook secret for this partner")
    timestamp, nonce, given = headers.get(TIMESTAMP, ""), headers.get(NONCE, ""), headers.get(SIGNATURE, "")
    if not (timestamp.isdigit() and nonce and given):
        raise SignatureError("missing signature headers")
    if not (8 <= len(nonce) <= 100):
        raise SignatureError("bad nonce")
    if not hmac.compare_digest(signature(key, timestamp, nonce, body).encode(), given.encode()):
        raise SignatureError("bad signature")
    if abs(now().timestamp() - int(timestamp)) > replay_window():
        raise SignatureError("timestamp outside the replay window")
    return Verified(int(timestamp), nonce)
