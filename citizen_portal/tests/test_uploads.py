"""Upload hardening: content, structure, extension and size must all agree."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from citizen_portal.uploads import check_upload, clean_original_name

from .files import image_bytes, jpeg_file, pdf_bytes, pdf_file, png_bomb_bytes, png_file

ALL = ["pdf", "jpeg", "png"]


def _code(upload, allowed=ALL, max_mb=5) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload, allowed_types=allowed, max_size_mb=max_mb)
    return caught.value.code


def test_valid_pdf_is_accepted_with_its_content_type():
    checked = check_upload(pdf_file(), allowed_types=ALL, max_size_mb=5)
    assert (checked.kind, checked.content_type) == ("pdf", "application/pdf")


def test_valid_png_and_jpeg_are_accepted():
    assert check_upload(png_file(), allowed_types=ALL, max_size_mb=5).kind == "png"
    assert check_upload(jpeg_file(), allowed_types=ALL, max_size_mb=5).kind == "jpeg"


def test_zero_byte_file_is_refused():
    assert _code(SimpleUploadedFile("a.pdf", b"")) == "empty"


def test_file_over_its_document_limit_is_refused():
    big = SimpleUploadedFile("a.pdf", pdf_bytes() + b"%" * (1024 * 1024 + 10))
    assert _code(big, max_mb=1) == "size"


def test_executable_renamed_to_pdf_is_refused_by_content():
    assert _code(SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 200)) == "type"


def test_html_renamed_to_png_is_refused():
    assert _code(SimpleUploadedFile("a.png", b"<html><script>alert(1)</script></html>")) == "type"


def test_png_content_with_pdf_extension_is_refused():
    assert _code(SimpleUploadedFile("a.pdf", image_bytes("PNG"))) == "extension"


def test_type_not_allowed_for_this_document_is_refused():
    assert _code(png_file(), allowed=["pdf"]) == "type"


def test_pdf_magic_with_garbage_body_is_refused_when_opened():
    assert _code(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + b"garbage" * 50)) == "corrupt"


def test_truncated_png_is_refused_when_loaded():
    data = image_bytes("PNG", (64, 64))
    assert _code(SimpleUploadedFile("a.png", data[: len(data) // 2])) == "corrupt"


def test_decompression_bomb_png_is_refused():
    assert _code(SimpleUploadedFile("bomb.png", png_bomb_bytes())) == "bomb"


def test_encrypted_pdf_is_refused():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert _code(SimpleUploadedFile("a.pdf", out.getvalue())) == "encrypted"


def test_file_without_extension_is_refused():
    assert _code(SimpleUploadedFile("passwd", pdf_bytes())) == "name"


def test_double_extension_ending_in_exe_is_refused():
    assert _code(SimpleUploadedFile("invoice.pdf.exe", pdf_bytes())) == "extension"


def test_fullwidth_extension_is_refused():
    assert _code(SimpleUploadedFile("a.\uff50\uff44\uff46", pdf_bytes())) in {"extension", "name"}


def test_original_name_loses_folders_and_bidi_overrides():
    assert clean_original_name("../../etc/\u202eevil.pdf") == "evil.pdf"
    assert clean_original_name("..\\..\\x.pdf") == "x.pdf"


def test_original_name_is_bounded():
    assert len(clean_original_name("a" * 500 + ".pdf")) <= 120
    assert clean_original_name("a" * 500 + ".pdf").endswith(".pdf")
