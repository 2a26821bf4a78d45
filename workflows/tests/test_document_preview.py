"""Officers' inline preview: pixels only (PDF pages rasterised, images re-encoded), a CSP that allows no
script, the same permission as the download, and every page served recorded as a read."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citizen_portal.tests.files import image_bytes, pdf_bytes
from core.models import AuditEvent
from tests.factories import FINAL, UnitFactory, applicant_data, build_guide, member
from workflows import services

pytestmark = [pytest.mark.django_db, pytest.mark.security]

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")


@pytest.fixture
def world(db):
    intake, unit, other = UnitFactory(), UnitFactory(), UnitFactory()
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    keys = [doc.document.key for doc in guide.documents.select_related("document")]
    files = {keys[0]: SimpleUploadedFile("a.pdf", pdf_bytes(pages=2), content_type="application/pdf")}
    for key in keys[1:]:
        files[key] = SimpleUploadedFile("b.png", image_bytes("PNG", (40, 30)), content_type="image/png")
    request = services.submit_request(guide=guide, applicant=applicant_data(), files=files, channel="online")
    return {"request": request, "intake_officer": member(intake), "outsider": member(other)}


def _urls(service_request, document) -> dict[str, str]:
    args = [service_request.pk, document.pk]
    return {
        "download": reverse("workflows_document_download", args=args),
        "preview": reverse("workflows_document_preview", args=args),
        "page": reverse("workflows_document_preview_page", args=[*args, 1]),
    }


def _status(client, url) -> int:
    response = client.get(url)
    if getattr(response, "file_to_stream", None):
        response.file_to_stream.close()
    return response.status_code


def test_preview_is_allowed_and_refused_exactly_like_the_download(client, world, security_tally):
    sr = world["request"]
    document = sr.documents.get(content_type="application/pdf")
    urls = _urls(sr, document)
    for who in ("anonymous", "intake_officer", "outsider"):
        client.logout()
        if who != "anonymous":
            client.force_login(world[who])
        download = _status(client, urls["download"])
        preview = _status(client, urls["preview"])
        security_tally.attempt("hostile files", refused=preview != 200, expected=who == "intake_officer")
        assert (preview == 200) == (download == 200), (who, preview, download)
    assert _status(client, urls["preview"]) in (302, 403, 404)  # the outsider, last


def test_preview_page_carries_a_csp_without_script(client, world, security_tally):
    sr = world["request"]
    document = sr.documents.get(content_type="application/pdf")
    client.force_login(world["intake_officer"])
    response = client.get(_urls(sr, document)["preview"])
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    security_tally.attempt("system integrity", refused="default-src 'none'" in csp and "script-src" not in csp)
    assert "default-src 'none'" in csp and "img-src 'self'" in csp and "script-src" not in csp
    html = response.content.decode()
    assert "<script" not in html and "<embed" not in html and "<iframe" not in html and "<object" not in html
    assert html.count('class="preview-page"') == 2  # one image per PDF page


@needs_poppler
def test_pdf_page_is_served_as_png_and_recorded(client, world):
    from PIL import Image

    sr = world["request"]
    document = sr.documents.get(content_type="application/pdf")
    client.force_login(world["intake_officer"])
    before = AuditEvent.objects.filter(kind=AuditEvent.Kind.DOCUMENT_DOWNLOAD).count()
    response = client.get(_urls(sr, document)["page"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DOCUMENT_DOWNLOAD).count() == before + 1


def test_image_is_served_re_encoded(client, world):
    from PIL import Image

    sr = world["request"]
    document = sr.documents.filter(content_type="image/png").first()
    if document is None:
        pytest.skip("the guide asks for one document only")
    client.force_login(world["intake_officer"])
    response = client.get(_urls(sr, document)["page"])
    assert response.status_code == 200
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (40, 30)


def test_request_page_links_the_preview(client, world):
    sr = world["request"]
    client.force_login(world["intake_officer"])
    from workflows.flows import RequestFlow

    detail = RequestFlow.instance.reverse("process_detail", args=[sr.process.pk])
    html = client.get(detail).content.decode()
    document = sr.documents.first()
    assert reverse("workflows_document_preview", args=[sr.pk, document.pk]) in html
