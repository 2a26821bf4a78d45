"""QR codes as inline SVG (no Pillow), for HTML pages and WeasyPrint PDFs alike."""

import base64

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage


def qr_svg(data: str) -> str:
    """An SVG document (string) encoding ``data`` as UTF-8, error correction M, standard quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, image_factory=SvgPathImage)
    qr.add_data(data.encode("utf-8"))
    qr.make(fit=True)
    svg = qr.make_image().to_string(encoding="unicode")
    return svg


def qr_data_uri(data: str) -> str:
    """``data:image/svg+xml;base64,…`` for an <img src>, in HTML or a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data).encode("utf-8")).decode("ascii")
