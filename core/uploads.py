"""Upload content checks shared by every channel: a file is accepted only if its bytes, its real
structure and its name agree.

Each check answers one question: is it the type it claims (magic bytes), does it really open
(Pillow / pypdf), does the extension match, and is it within the size limits of its document.
Pure functions: limits are arguments, so the portal and the partner API can each pass their own;
upload_limits() reads a channel's settings, with the defaults defined here and only here.
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .text import BIDI_CONTROLS

MAGIC = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}}
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG"}
ORIGINAL_NAME_MAX = 120
DEFAULT_MAX_TOTAL_MB = 20  # all files of one request together
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000  # decompression-bomb guard
DEFAULT_MAX_PDF_PAGES = 300


@dataclass(frozen=True)
class UploadLimits:
    """One channel's limits (the size of each file comes from its required document)."""

    max_total_mb: int = DEFAULT_MAX_TOTAL_MB
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES

    @property
    def max_total_bytes(self) -> int:
        return self.max_total_mb * 1024 * 1024


def upload_limits(prefix: str) -> UploadLimits:
    """The limits of one channel from settings {prefix}_UPLOAD_TOTAL_MAX_MB, {prefix}_MAX_IMAGE_PIXELS and
    {prefix}_MAX_PDF_PAGES (e.g. prefix "PORTAL" or "PARTNER"), each falling back to the default above."""
    return UploadLimits(
        max_total_mb=int(getattr(settings, f"{prefix}_UPLOAD_TOTAL_MAX_MB", DEFAULT_MAX_TOTAL_MB)),
        max_image_pixels=int(getattr(settings, f"{prefix}_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)),
        max_pdf_pages=int(getattr(settings, f"{prefix}_MAX_PDF_PAGES", DEFAULT_MAX_PDF_PAGES)),
    )


@dataclass(frozen=True)
class CheckedFile:
    """What the checks learnt about an accepted file."""

    kind: str  # pdf, jpeg or png
    content_type: str
    size: int
    original_name: str
    original_sha256: str = ""  # of the bytes the sender sent, printed on the receipt
    clean_content: bytes | None = None  # images re-encoded without metadata or trailing bytes; None for PDFs


def sniff(head: bytes) -> str | None:
    """The file type its first bytes announce, or None."""
    for kind, signatures in MAGIC.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def clean_original_name(name: str) -> str:
    """The citizen's file name as a harmless label: no folders, no hidden characters, bounded length."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in BIDI_CONTROLS).strip().lstrip(".")
    if len(name) > ORIGINAL_NAME_MAX:
        stem, ext = os.path.splitext(name)
        name = stem[: ORIGINAL_NAME_MAX - len(ext[:10])] + ext[:10]
    return name


def _read_head(upload: UploadedFile, length: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def reencode_image(data: bytes, kind: str) -> bytes:
    """The image in `data` drawn afresh as the same format: pixels only, so metadata, comments,
    extra chunks and anything appended after the image's end are gone."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)  # the EXIF turn is applied, since EXIF itself is dropped
        if kind == "jpeg":
            if image.mode not in {"L", "RGB", "CMYK"}:
                image = image.convert("RGB")
            pixels = Image.new(image.mode, image.size)
            pixels.paste(image)
            out = io.BytesIO()
            pixels.save(out, format="JPEG", quality=90, optimize=True)
        else:
            if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}:
                image = image.convert("RGBA")
            pixels = image.copy()
            pixels.info = {k: v for k, v in image.info.items() if k == "transparency"}
            out = io.BytesIO()
            pixels.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _open_image(upload: UploadedFile, kind: str, limit: int) -> None:
    from PIL import Image

    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(upload) as image:
                if image.format != PILLOW_FORMATS[kind]:
                    raise ValidationError(_("The file's content does not match its type."), code="mismatch")
                width, height = image.size
                if width * height > limit:
                    raise ValidationError(_("The image is too large in pixels."), code="bomb")
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("The image is too large in pixels."), code="bomb")
        except Exception:  # Pillow raises many kinds of errors for broken files
            raise ValidationError(_("The image is damaged or cannot be opened."), code="corrupt")
        finally:
            upload.seek(0)


# Names whose presence anywhere in a PDF's catalogue, pages or annotations makes it "active": code
# that runs on opening, files carried inside, forms that script themselves, or programs launched.
ACTIVE_ACTION_TYPES = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToE",
    "/GoToR",
    "/Rendition",
    "/RichMediaExecute",
}
ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/XFA", "/Launch"}
MAX_PDF_OBJECTS_WALKED = 200_000  # bounds the walk of a hostile file's object graph


def _pdf_active_content(reader) -> str | None:
    """The first active element found in the PDF behind `reader` (a key or action type), or None.

    Walks every object reachable from the trailer (catalogue, names tree, pages, annotations, forms,
    outlines), so an action hidden in an annotation or an outline is found as well as /OpenAction.
    A plain /URI link is fine: the browser never follows it on its own.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    walked = 0
    while stack:
        node = stack.pop()
        walked += 1
        if walked > MAX_PDF_OBJECTS_WALKED:
            return "/TooComplex"
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key in ACTIVE_KEYS:
                    return str(key)
                if key == "/S" and str(value) in ACTIVE_ACTION_TYPES:
                    return str(value)
                if key == "/Subtype" and str(value) in {"/FileAttachment", "/RichMedia", "/Movie", "/Sound"}:
                    return str(value)
                if key not in {"/Parent", "/P"}:  # back-links: reached from above anyway
                    stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


def _open_pdf(upload: UploadedFile, max_pages: int) -> None:
    from pypdf import PdfReader

    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(upload.read()), strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDF files are not accepted."), code="encrypted")
        pages = len(reader.pages)
        if pages < 1:
            raise ValidationError(_("The PDF has no pages."), code="empty")
        if pages > max_pages:
            raise ValidationError(_("The PDF has too many pages."), code="pages")
        reader.pages[0].mediabox  # noqa: B018  (parses the first page object)
        if _pdf_active_content(reader) is not None:
            raise ValidationError(
                _(
                    "The PDF contains active content (scripts, automatic actions, attached files or forms) "
                    "and is not accepted. Print it to a new PDF, or scan it, and send that instead."
                ),
                code="active_content",
            )
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of errors for broken files
        raise ValidationError(_("The PDF is damaged or cannot be opened."), code="corrupt")
    finally:
        upload.seek(0)


def check_upload(
    upload: UploadedFile,
    *,
    allowed_types: list[str],
    max_size_mb: int,
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES,
) -> CheckedFile:
    """Accept `upload` for a document allowing `allowed_types` and `max_size_mb`, or raise ValidationError."""
    allowed = [t for t in (allowed_types or ["pdf", "jpeg", "png"]) if t in MAGIC]
    size = upload.size or 0
    if size <= 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_size_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": max_size_mb},
            code="size",
        )
    name = clean_original_name(upload.name)
    extension = os.path.splitext(name)[1].lower()
    if not name or not extension:
        raise ValidationError(_("The file name needs an extension such as .pdf, .jpg or .png."), code="name")
    kind = sniff(_read_head(upload))
    if kind is None or kind not in allowed:
        labels = ", ".join(sorted(allowed))
        raise ValidationError(
            _("This file type is not accepted here. Accepted types: %(types)s.") % {"types": labels}, code="type"
        )
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(_("The file's extension does not match its content."), code="extension")
    original_sha256 = _sha256(upload)
    clean_content = None
    if kind == "pdf":
        _open_pdf(upload, int(max_pdf_pages))
    else:
        _open_image(upload, kind, int(max_image_pixels))
        upload.seek(0)
        try:
            clean_content = reencode_image(upload.read(), kind)
        except Exception:  # opened a moment ago; a failure here is still a broken file
            raise ValidationError(_("The image is damaged or cannot be opened."), code="corrupt")
        finally:
            upload.seek(0)
    return CheckedFile(
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=size,
        original_name=name,
        original_sha256=original_sha256,
        clean_content=clean_content,
    )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def accepted_upload(upload: UploadedFile, checked: CheckedFile) -> UploadedFile:
    """What is stored for `upload` after `checked`: the re-encoded image (or the PDF as sent), named and
    typed as checked, carrying the original's SHA-256 as `original_sha256` for the receipt."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    if checked.clean_content is not None:
        stored = SimpleUploadedFile(checked.original_name, checked.clean_content, checked.content_type)
    else:
        stored = upload
        stored.name = checked.original_name
        stored.content_type = checked.content_type
    stored.original_sha256 = checked.original_sha256
    stored.seek(0)
    return stored


def check_total_size(sizes: list[int], *, max_total_mb: int) -> None:
    """Refuse a set of files whose sizes together exceed `max_total_mb`."""
    if sum(sizes) > max_total_mb * 1024 * 1024:
        raise ValidationError(
            _("All files together may not exceed %(mb)s MB.") % {"mb": max_total_mb},
            code="total_size",
        )
