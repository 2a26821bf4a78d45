"""Checks on files a partner system uploads: every mandatory document, and each file through the same
content checks as the portal (core.uploads: magic bytes, really opens, extension matches, size)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.uploads import DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MAX_PDF_PAGES, check_total_size, check_upload

# Tunable in settings; defaults match the citizen portal.
DEFAULTS = {
    "PARTNER_UPLOAD_TOTAL_MAX_MB": 20,
    "PARTNER_MAX_IMAGE_PIXELS": DEFAULT_MAX_IMAGE_PIXELS,
    "PARTNER_MAX_PDF_PAGES": DEFAULT_MAX_PDF_PAGES,
}


def limit(name: str) -> int:
    """The setting `name`, or its partner-API default."""
    return int(getattr(settings, name, DEFAULTS[name]))


def check_files(guide, uploaded) -> tuple[dict, dict[str, list[str]]]:
    """(files by document key, errors by field); unknown keys are refused rather than ignored.

    `uploaded` is the request's MultiValueDict of files. Nothing is returned as accepted unless
    every file passed, so a caller that stores only on an empty error dict stores all or nothing.
    """
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
        if len(uploaded.getlist(key)) > 1:
            errors.setdefault(key, []).append(_("Send one file per document."))
            continue
        try:
            checked = check_upload(
                upload,
                allowed_types=list(document.allowed_types or []),
                max_size_mb=document.max_size_mb,
                max_image_pixels=limit("PARTNER_MAX_IMAGE_PIXELS"),
                max_pdf_pages=limit("PARTNER_MAX_PDF_PAGES"),
            )
        except ValidationError as error:
            errors.setdefault(key, []).extend(str(message) for message in error.messages)
            continue
        upload.name = checked.original_name
        upload.content_type = checked.content_type
        files[key] = upload
    if not errors:
        try:
            check_total_size([f.size for f in files.values()], max_total_mb=limit("PARTNER_UPLOAD_TOTAL_MAX_MB"))
        except ValidationError as error:
            errors["__all__"] = [str(message) for message in error.messages]
    return files, errors
