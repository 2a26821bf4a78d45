"""Inert previews of stored documents for officers: a PDF page rasterised to PNG by poppler's pdftoppm
(in a temporary folder, with a timeout and a size limit), an image re-encoded. What reaches the browser
is pixels only, so no script, form or embedded file in a document can run there.
"""

from __future__ import annotations

import io
import shutil
import subprocess  # pdftoppm runs with a fixed argument list, no shell  # nosec B404
import tempfile
from pathlib import Path

from .uploads import reencode_image

PREVIEW_MAX_PAGES = 50  # officers page through at most this many pages inline
PREVIEW_SCALE_TO = 1600  # pixels on the longer side
PREVIEW_TIMEOUT_SECONDS = 20


class PreviewError(Exception):
    """The document cannot be previewed (damaged, too slow, or poppler is missing)."""


def pdf_page_count(data: bytes) -> int:
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as error:  # pypdf raises many kinds of errors for broken files
        raise PreviewError(str(error)) from error


def pdf_page_png(data: bytes, page: int) -> bytes:
    """Page `page` (1-based) of the PDF in `data` as a re-encoded PNG."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise PreviewError("pdftoppm is not installed (poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="desk-preview-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        target = Path(folder) / "page"
        command = [
            binary,
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-scale-to",
            str(PREVIEW_SCALE_TO),
            str(source),
            str(target),
        ]
        try:
            # a fixed argument list, no shell, our own temporary paths
            subprocess.run(  # nosec B603
                command, check=True, timeout=PREVIEW_TIMEOUT_SECONDS, capture_output=True
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise PreviewError(str(error)) from error
        output = target.with_suffix(".png")
        if not output.exists():
            raise PreviewError("pdftoppm wrote no page")
        return reencode_image(output.read_bytes(), "png")


def image_inline(data: bytes, kind: str) -> bytes:
    """A stored image (png or jpeg) re-encoded in its own format for inline display."""
    try:
        return reencode_image(data, kind)
    except Exception as error:  # Pillow raises many kinds of errors for broken files
        raise PreviewError(str(error)) from error
