"""Ed25519 signatures over canonical JSON, so anyone holding the published public key can verify a document.

The private key is DESK_SIGNING_KEY (settings or environment): base64 of the 32-byte raw key, or a PEM.
Production MUST set it. When it is unset (development, tests) a deterministic key is derived from
SECRET_KEY with HKDF, so signatures survive restarts but are worthless outside this installation.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import logging
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)
HKDF_INFO = b"desk-signing-key-v1"


def canonical_json(payload: dict) -> bytes:
    """The exact bytes that are signed: sorted keys, no spaces, UTF-8 (not \\u escapes)."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _b64decode(text: str) -> bytes:
    """Standard or URL-safe base64, with or without padding."""
    cleaned = "".join(text.split())
    cleaned += "=" * (-len(cleaned) % 4)
    return base64.urlsafe_b64decode(cleaned.replace("+", "-").replace("/", "_"))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@functools.lru_cache(maxsize=8)
def _load_private_key(configured: str, secret_key: str) -> Ed25519PrivateKey:
    if configured.strip().startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(configured.strip().encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("DESK_SIGNING_KEY must be an Ed25519 private key.")
        return key
    if configured.strip():
        try:
            raw = _b64decode(configured.strip())
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured("DESK_SIGNING_KEY is not valid base64.")
        if len(raw) != 32:
            raise ImproperlyConfigured("DESK_SIGNING_KEY must decode to 32 bytes (raw Ed25519 private key).")
        return Ed25519PrivateKey.from_private_bytes(raw)
    if not secret_key:
        raise ImproperlyConfigured("Set DESK_SIGNING_KEY (or at least SECRET_KEY in development).")
    logger.warning("DESK_SIGNING_KEY is not set; deriving a development signing key from SECRET_KEY.")
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(secret_key.encode("utf-8"))
    return Ed25519PrivateKey.from_private_bytes(seed)


def _private_key() -> Ed25519PrivateKey:
    configured = getattr(settings, "DESK_SIGNING_KEY", "") or os.environ.get("DESK_SIGNING_KEY", "")
    return _load_private_key(configured or "", settings.SECRET_KEY or "")


def _public_key() -> Ed25519PublicKey:
    return _private_key().public_key()


def sign(payload: dict) -> str:
    """Base64url (unpadded) Ed25519 signature of the canonical JSON of ``payload``."""
    return _b64url(_private_key().sign(canonical_json(payload)))


def verify(payload: dict, signature: str, public_key_pem: str | None = None) -> bool:
    """True only if ``signature`` is valid for ``payload``; any malformed input gives False, never an error."""
    try:
        if public_key_pem:
            key = serialization.load_pem_public_key(public_key_pem.encode())
            if not isinstance(key, Ed25519PublicKey):
                return False
        else:
            key = _public_key()
        raw = _b64decode(signature)
        if len(raw) != 64:
            return False
        key.verify(raw, canonical_json(payload))
        return True
    except (InvalidSignature, ValueError, TypeError, AttributeError, binascii.Error, UnicodeError):
        return False


def public_key_pem() -> str:
    """The public key to publish (SubjectPublicKeyInfo PEM)."""
    return (
        _public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def key_id() -> str:
    """Short stable name of the current key: first 16 hex digits of SHA-256 of the raw public key."""
    raw = _public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_key() -> str:
    """A new private key as base64 of its 32 raw bytes, ready for DESK_SIGNING_KEY."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")
