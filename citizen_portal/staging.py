"""A short-lived, server-side waiting room for uploads that passed the checks.

When a form is re-shown because some other field was wrong, the citizen does not upload the good
files again: they wait here under a random, signed token carried by the form. Entries expire.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from core.storage import private_storage

from . import conf

SALT = "citizen_portal.staging"
ROOT = "staging"


@dataclass(frozen=True)
class StagedFile:
    key: str
    original_name: str
    content_type: str
    size: int


def new_token() -> str:
    """A fresh signed token; its random part names the staging folder."""
    return signing.TimestampSigner(salt=SALT).sign(secrets.token_hex(16))


def is_valid_token(token: str, scope: str) -> bool:
    """True if `token` was signed by us, has not expired, and belongs to this form."""
    return _folder(token, scope) is not None


def _folder(token: str, scope: str) -> str | None:
    """The folder behind a signed token, or None if it is forged, expired or for another form."""
    try:
        raw = signing.TimestampSigner(salt=SALT).unsign(token or "", max_age=int(conf.get("PORTAL_STAGING_MAX_AGE")))
    except signing.BadSignature:
        return None
    if len(raw) != 32 or not all(c in "0123456789abcdef" for c in raw):
        return None
    folder = f"{ROOT}/{raw}"
    manifest = _read_manifest(folder)
    if manifest is not None and manifest.get("scope") != scope:
        return None
    return folder


def _read_manifest(folder: str) -> dict | None:
    storage = private_storage()
    name = f"{folder}/manifest.json"
    if not storage.exists(name):
        return None
    try:
        with storage.open(name, "rb") as handle:
            return json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def _write_manifest(folder: str, manifest: dict) -> None:
    storage = private_storage()
    name = f"{folder}/manifest.json"
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(json.dumps(manifest).encode("utf-8")))


def stage(
    token: str,
    scope: str,
    key: str,
    upload: UploadedFile,
    *,
    content_type: str,
    original_name: str,
    original_sha256: str = "",
) -> bool:
    """Keep a checked upload under `token` (replacing an earlier one for `key`); False if the token is bad."""
    folder = _folder(token, scope)
    if folder is None:
        return False
    storage = private_storage()
    manifest = _read_manifest(folder) or {"scope": scope, "created": time.time(), "files": {}}
    old = manifest["files"].get(key)
    if old and storage.exists(f"{folder}/{old['stored']}"):
        storage.delete(f"{folder}/{old['stored']}")
    upload.seek(0)
    stored = storage.save(f"{folder}/{secrets.token_hex(8)}.bin", upload)
    upload.seek(0)
    manifest["files"][key] = {
        "stored": stored.rsplit("/", 1)[-1],
        "name": original_name,
        "content_type": content_type,
        "size": upload.size,
        "original_sha256": original_sha256,  # the receipt shows the hash of what the citizen sent
    }
    _write_manifest(folder, manifest)
    return True


def staged_files(token: str, scope: str) -> dict[str, StagedFile]:
    """What is waiting under `token`, by document key."""
    folder = _folder(token, scope)
    manifest = _read_manifest(folder) if folder else None
    if not manifest:
        return {}
    return {
        key: StagedFile(key=key, original_name=m["name"], content_type=m["content_type"], size=m["size"])
        for key, m in manifest.get("files", {}).items()
        if private_storage().exists(f"{folder}/{m['stored']}")
    }


def open_staged(token: str, scope: str, key: str) -> UploadedFile | None:
    """The staged file for `key` as an UploadedFile the services can store (caller closes it)."""
    folder = _folder(token, scope)
    manifest = _read_manifest(folder) if folder else None
    entry = (manifest or {}).get("files", {}).get(key)
    if not entry:
        return None
    handle = private_storage().open(f"{folder}/{entry['stored']}", "rb")
    upload = UploadedFile(
        file=handle, name=entry["name"], content_type=entry["content_type"], size=entry["size"], charset=None
    )
    upload.original_sha256 = entry.get("original_sha256", "")
    return upload


def discard(token: str, scope: str) -> None:
    """Delete everything staged under `token` (after a successful submission)."""
    folder = _folder(token, scope)
    if folder:
        _delete_folder(folder)


def _delete_folder(folder: str) -> None:
    storage = private_storage()
    try:
        _dirs, files = storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
    try:
        storage.delete(folder)
    except OSError:
        pass


def purge_expired(now: float | None = None) -> int:
    """Delete staging folders older than PORTAL_STAGING_MAX_AGE; returns how many went."""
    storage = private_storage()
    now = now if now is not None else time.time()
    max_age = int(conf.get("PORTAL_STAGING_MAX_AGE"))
    try:
        folders, _files = storage.listdir(ROOT)
    except (FileNotFoundError, OSError):
        return 0
    removed = 0
    for name in folders:
        folder = f"{ROOT}/{name}"
        manifest = _read_manifest(folder)
        created = (manifest or {}).get("created")
        if created is None:
            try:
                created = storage.get_modified_time(folder).timestamp()
            except (OSError, NotImplementedError):
                created = 0
        if now - float(created) > max_age:
            _delete_folder(folder)
            removed += 1
    return removed
