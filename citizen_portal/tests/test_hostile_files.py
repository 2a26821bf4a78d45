"""Hostile files (pen-test finding "Hostile files reach officers"): PDFs with active content are refused
with a Persian message and nothing is stored; images are stored re-encoded, so appended payloads are
dropped, while the receipt keeps the SHA-256 of what the citizen sent.

Every file is built here with pypdf / Pillow, never mocked.
"""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from citizen_portal.uploads import check_upload
from tests.factories import applicant_post
from workflows.enums import IntakeResult
from workflows.models import Applicant, RequestDocument, ServiceRequest

from . import workflow_driver as drive
from .files import image_bytes, pdf_bytes
from .helpers import apply_online, stored_request_files

pytestmark = [pytest.mark.django_db, pytest.mark.security]

ALL = ["pdf", "jpeg", "png"]
PAYLOAD = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode."


def _writer():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    return writer


def _bytes(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _js_action(code: str = "app.alert('x')"):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def pdf_open_action_js() -> bytes:
    from pypdf.generic import NameObject

    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js_action())
    return _bytes(writer)


def pdf_names_javascript() -> bytes:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = _writer()
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(_js_action())])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    return _bytes(writer)


def pdf_embedded_executable() -> bytes:
    writer = _writer()
    writer.add_attachment("invoice.exe", PAYLOAD)
    return _bytes(writer)


def pdf_launch_link() -> bytes:
    """A launch action hidden in a link annotation on the page (not in the catalogue)."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = _writer()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(200), FloatObject(200)]),
            NameObject("/A"): DictionaryObject(
                {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _bytes(writer)


def pdf_xfa_form() -> bytes:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = _writer()
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): TextStringObject("<xdp:xdp/>")}
    )
    return _bytes(writer)


def pdf_page_additional_action() -> bytes:
    from pypdf.generic import DictionaryObject, NameObject

    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})
    return _bytes(writer)


def pdf_uri_link() -> bytes:
    """A plain web link: harmless, accepted."""
    writer = _writer()
    from pypdf.annotations import Link
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    link = Link(rect=(0, 0, 100, 100), url="https://example.ir/")
    link[NameObject("/A")] = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("https://example.ir/")}
    )
    writer.add_annotation(page_number=0, annotation=link)
    return _bytes(writer)


HOSTILE_PDFS = {
    "OpenAction JavaScript": pdf_open_action_js,
    "Names JavaScript": pdf_names_javascript,
    "EmbeddedFiles executable": pdf_embedded_executable,
    "Launch action in a link": pdf_launch_link,
    "XFA form": pdf_xfa_form,
    "page /AA JavaScript": pdf_page_additional_action,
}


def _persian_message(error: ValidationError) -> str:
    with translation.override("fa"):
        return " ".join(str(m) for m in error.messages)


@pytest.mark.parametrize("kind", sorted(HOSTILE_PDFS))
def test_pdf_with_active_content_is_refused_with_a_persian_message(kind, security_tally):
    upload = SimpleUploadedFile("doc.pdf", HOSTILE_PDFS[kind]())
    with pytest.raises(ValidationError) as caught:
        check_upload(upload, allowed_types=ALL, max_size_mb=5)
    security_tally.attempt("hostile files", refused=caught.value.code == "active_content")
    assert caught.value.code == "active_content"
    assert "محتوای فعال" in _persian_message(caught.value)


def test_pdf_with_only_a_web_link_is_accepted():
    assert check_upload(SimpleUploadedFile("doc.pdf", pdf_uri_link()), allowed_types=ALL, max_size_mb=5).kind == "pdf"


def test_plain_pdf_is_accepted_unchanged_with_its_hash():
    data = pdf_bytes()
    checked = check_upload(SimpleUploadedFile("doc.pdf", data), allowed_types=ALL, max_size_mb=5)
    assert checked.clean_content is None
    assert checked.original_sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("fmt,name", [("PNG", "scan.png"), ("JPEG", "scan.jpg")])
def test_image_with_appended_payload_is_re_encoded_without_it(fmt, name, security_tally):
    data = image_bytes(fmt, (32, 32)) + PAYLOAD
    checked = check_upload(SimpleUploadedFile(name, data), allowed_types=ALL, max_size_mb=5)
    stripped = PAYLOAD not in checked.clean_content and b"DOS mode" not in checked.clean_content
    security_tally.attempt("hostile files", refused=stripped)
    assert stripped
    assert checked.original_sha256 == hashlib.sha256(data).hexdigest()
    from PIL import Image

    with Image.open(io.BytesIO(checked.clean_content)) as image:
        assert (image.format, image.size) == (fmt, (32, 32))


def test_image_metadata_is_dropped_on_re_encoding():
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 3)).save(out, format="PNG", pnginfo=info)
    checked = check_upload(SimpleUploadedFile("a.png", out.getvalue()), allowed_types=ALL, max_size_mb=5)
    assert b"<script>" not in checked.clean_content


def _apply(client, guide, card: tuple[str, bytes], deed: tuple[str, bytes]):
    url = reverse("citizen_portal:apply", kwargs={"service_code": guide.service_code})
    files = {
        "document_national-card": SimpleUploadedFile(card[0], card[1]),
        "document_ownership-deed": SimpleUploadedFile(deed[0], deed[1]),
    }
    return client.post(url, {**applicant_post(), **files}, HTTP_ACCEPT_LANGUAGE="fa")


@pytest.mark.parametrize("kind", sorted(HOSTILE_PDFS))
def test_portal_refuses_hostile_pdf_and_stores_nothing(client, guide, kind, security_tally):
    files_before = stored_request_files()
    response = _apply(client, guide, ("card.pdf", HOSTILE_PDFS[kind]()), ("deed.png", image_bytes("PNG")))
    refused = response.status_code in (200, 400) and not ServiceRequest.objects.exists()
    security_tally.attempt("hostile files", refused=refused)
    assert refused
    assert "محتوای فعال" in response.content.decode()
    assert not Applicant.objects.exists() and not RequestDocument.objects.exists()
    assert stored_request_files() == files_before


@pytest.mark.parametrize("kind", ["OpenAction JavaScript", "EmbeddedFiles executable"])
def test_api_refuses_hostile_pdf_and_stores_nothing(client, guide, kind, security_tally):
    files_before = stored_request_files()
    data = {**applicant_post(), "consent": "true", "service": guide.service_code}
    data["national-card"] = SimpleUploadedFile("card.pdf", HOSTILE_PDFS[kind]())
    data["ownership-deed"] = SimpleUploadedFile("deed.png", image_bytes("PNG"))
    response = client.post("/api/v1/requests/", data)
    refused = response.status_code == 400 and not ServiceRequest.objects.exists()
    security_tally.attempt("hostile files", refused=refused)
    assert refused
    assert "national-card" in response.json().get("errors", response.json())
    assert stored_request_files() == files_before


def test_stored_image_is_re_encoded_and_receipt_keeps_the_original_hash(client, guide, security_tally):
    sent = image_bytes("PNG", (24, 24)) + PAYLOAD
    response = _apply(client, guide, ("card.pdf", pdf_bytes()), ("deed.png", sent))
    assert response.status_code == 302, response.content.decode()[:1500]
    document = RequestDocument.objects.get(key="ownership-deed")
    with document.file.open("rb") as handle:
        stored = handle.read()
    security_tally.attempt("hostile files", refused=PAYLOAD not in stored)
    assert PAYLOAD not in stored
    assert document.sha256 == hashlib.sha256(sent).hexdigest()
    sr = document.request
    receipt = client.get(reverse("citizen_portal:receipt", args=[sr.tracking_code]))
    assert hashlib.sha256(sent).hexdigest() in receipt.content.decode()


def test_later_upload_is_checked_too(client, guide, security_tally):
    sr = apply_online(client, guide)
    sr = drive.intake(sr, result=IntakeResult.DOCUMENTS, keys=["ownership-deed"])
    response = client.post(
        reverse("citizen_portal:status", args=[sr.tracking_code]),
        {"document_ownership-deed": SimpleUploadedFile("deed.pdf", pdf_open_action_js())},
        HTTP_ACCEPT_LANGUAGE="fa",
    )
    refused = not sr.documents.filter(requested_round=1).exists()
    security_tally.attempt("hostile files", refused=refused)
    assert refused
    assert "محتوای فعال" in response.content.decode()
