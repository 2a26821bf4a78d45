"""The receipt PDF is rendered once, kept in private storage, and served from there afterwards."""

import io
import os

from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from PIL import Image

from citizen_portal import receipts
from citizen_portal.models import Receipt
from core.qr import qr_png

from .helpers import apply_online


def _download(client, sr) -> bytes:
    response = client.get(reverse("citizen_portal:receipt_pdf", args=[sr.tracking_code]))
    assert response.status_code == 200
    return response.content


def _stored_files() -> list[str]:
    root = storages["private"].location
    return sorted(
        os.path.join(dirpath, name) for dirpath, _, names in os.walk(os.path.join(root, "receipts")) for name in names
    )


def test_first_download_stores_the_pdf_in_private_storage(client, guide):
    sr = apply_online(client, guide)
    pdf = _download(client, sr)
    receipt = Receipt.objects.get(service_request=sr)
    assert receipt.pdf.storage is storages["private"]
    assert sr.tracking_code not in receipt.pdf.name  # server-generated name
    with receipt.pdf.open("rb") as stored:
        assert stored.read() == pdf


def test_second_download_serves_the_stored_bytes_without_rendering(client, guide):
    sr = apply_online(client, guide)
    first = _download(client, sr)
    receipt = Receipt.objects.get(service_request=sr)
    before = (receipt.pdf.name, os.stat(receipt.pdf.path).st_mtime_ns, _stored_files())
    second = _download(client, sr)
    receipt.refresh_from_db()
    assert second == first
    assert (receipt.pdf.name, os.stat(receipt.pdf.path).st_mtime_ns, _stored_files()) == before
    assert Receipt.objects.filter(service_request=sr).count() == 1


def test_stored_pdf_verifies_on_the_public_page(client, guide):
    sr = apply_online(client, guide)
    _download(client, sr)
    with Receipt.objects.get(service_request=sr).pdf.open("rb") as stored:
        data = stored.read()
    response = Client().post(reverse("citizen_portal:verify"), {"receipt_file": io.BytesIO(data)})
    assert response.status_code == 200
    assert receipts.verify_payload(*receipts.read_from_pdf(data)).matches_records


def test_lost_stored_file_is_rendered_again(client, guide):
    sr = apply_online(client, guide)
    _download(client, sr)
    receipt = Receipt.objects.get(service_request=sr)
    receipt.pdf.storage.delete(receipt.pdf.name)
    payload, _ = receipts.read_from_pdf(_download(client, sr))
    assert payload["tracking_code"] == sr.tracking_code


def test_pdf_qr_png_is_black_and_white_with_a_quiet_zone():
    image = Image.open(io.BytesIO(qr_png("https://example.test/verify/?code=1", box_size=8)))
    modules = image.width // 8
    assert image.width == image.height and image.width % 8 == 0
    assert (modules - 8 - 17) % 4 == 0  # a QR version's size, plus four quiet modules each side
    assert set(image.convert("L").getdata()) == {0, 255}
    assert image.convert("L").getpixel((4 * 8 - 1, 4 * 8 - 1)) == 255  # quiet zone is white
    assert image.convert("L").getpixel((4 * 8, 4 * 8)) == 0  # finder pattern corner is black
