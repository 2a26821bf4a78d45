"""Checks on files a partner system uploads: every mandatory document, allowed type by content, size."""

from django.utils.translation import gettext as _

MAGIC = {"pdf": (b"%PDF-",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",)}


def sniff(head: bytes) -> str | None:
    for kind, prefixes in MAGIC.items():
        if head.startswith(prefixes):
            return kind
    return None


def check_files(guide, uploaded) -> tuple[dict, dict[str, list[str]]]:
    """(files by document key, errors by field); unknown keys are refused rather than ignored."""
    wanted = {d.key: d for d in guide.documents.select_related("document")}
    errors: dict[str, list[str]] = {}
    files = {}
    for key in uploaded:
        if key not in wanted:
            errors.setdefault(key, []).append(_("This service does not ask for this document."))
    for key, document in wanted.items():
        upload = uploaded.get(key)
        if upload is None:
            if document.is_mandatory:
                errors.setdefault(key, []).append(_("This document is required."))
            continue
        head = upload.read(16)
        upload.seek(0)
        kind = sniff(head)
        if kind is None or kind not in (document.allowed_types or []):
            errors.setdefault(key, []).append(_("This file type is not accepted for this document."))
        elif upload.size > document.max_size_mb * 1024 * 1024:
            errors.setdefault(key, []).append(_("The file is larger than allowed."))
        else:
            files[key] = upload
    return files, errors
