"""QR codes for HTML pages (inline SVG) and for WeasyPrint PDFs (PNG: far cheaper for WeasyPrint to draw)."""

import base64
import io

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage


def _qr(data: str, **kwargs) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, **kwargs)
    qr.add_data(data.encode("utf-8"))
    qr.make(fit=True)
    return qr


def qr_svg(data: str) -> str:
    """An SVG document (string) encoding ``data`` as UTF-8, error correction M, standard quiet zone."""
    return _qr(data, image_factory=SvgPathImage).make_image().to_string(encoding="unicode")


def qr_data_uri(data: str) -> str:
    """``data:image/svg+xml;base64,…`` for an <img src>, in HTML or a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data).encode("utf-8")).decode("ascii")


def qr_png(data: str, box_size: int = 8) -> bytes:
    """A 1-bit PNG, ``box_size`` pixels per module: sharp when printed at 28 mm (≈ 600 dpi for a version 6 code)."""
    image = _qr(data, box_size=box_size).make_image(fill_color="black", back_color="white")
    out = io.BytesIO()
    image.get_image().convert("1").save(out, format="PNG", optimize=True)
    return out.getvalue()


def qr_png_data_uri(data: str) -> str:
    """``data:image/png;base64,…``: the same code as qr_data_uri, as a raster WeasyPrint embeds without drawing."""
    return "data:image/png;base64," + base64.b64encode(qr_png(data)).decode("ascii")
