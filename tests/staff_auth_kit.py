"""Signing staff in through the real pages in tests: passwords, the real TOTP algorithm, recovery codes."""

from __future__ import annotations

import base64
import re
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
VERIFY = "/accounts/mfa/verify/"
ENROL = "/accounts/mfa/enrol/"


def code_for(key: bytes, *, at: float | None = None, step: int = 30) -> str:
    """The six-digit TOTP code an authenticator app would show for `key` at `at` (RFC 6238)."""
    generator = TOTP(key, step=step, t0=0, digits=6, drift=0)
    generator.time = time.time() if at is None else at
    return f"{generator.token():06d}"


def enrolled(user, *, key: bytes | None = None) -> TOTPDevice:
    """A confirmed authenticator for `user` (as if the enrolment page had been completed)."""
    fields = {"user": user, "name": "authenticator", "confirmed": True}
    if key is not None:
        fields["key"] = key.hex()
    return TOTPDevice.objects.create(**fields)


def password_login(
    client, username: str, password: str = PASSWORD, *, url: str = LOGIN, ip: str = "127.0.0.1", **extra
):
    data = {"username": username, "password": password}
    if url == LOGIN:
        data["next"] = "/workflow/"
    return client.post(url, data, REMOTE_ADDR=ip, **extra)


def secret_from_enrol_page(html: str) -> bytes:
    """The key the enrolment page shows for manual entry (grouped base32), decoded as an app would."""
    match = re.search(r'id="mfa-secret">([A-Z2-7 ]+)<', html)
    assert match, "the enrolment page shows the key for manual entry"
    b32 = match.group(1).replace(" ", "")
    return base64.b32decode(b32 + "=" * (-len(b32) % 8))


def recovery_codes_from(html: str) -> list[str]:
    block = re.search(r'id="recovery-codes">(.*?)</ul>', html, re.S)
    assert block, "the recovery codes are shown once after enrolment"
    return re.findall(r"<li>([a-z2-7]+)</li>", block.group(1))
