import copy
import http.server
import io
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from pypdf import PdfReader

from core import pdf
from core.persian import to_persian_digits
from core.qr import qr_data_uri

SAMPLE = {
    "title": "رسید ثبت درخواست",
    "body": "درخواست شما برای صدور گواهی‌نامه ثبت شد.",
    "label_header": "عنوان",
    "value_header": "مقدار",
    "rows": [("کد رهگیری", "1405-000123"), ("واحد", "اداره صدور مجوزها")],
    "qr": qr_data_uri("https://desk.example/track/1405-000123"),
}


@pytest.fixture
def template_dir(settings, tmp_path):
    """A folder of throwaway templates for one test."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    return tmp_path


def font_names(pdf_bytes: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_render_pdf_returns_a_pdf_document():
    assert pdf.render_pdf("core/pdf/sample.html", SAMPLE).startswith(b"%PDF-")


def test_persian_text_is_extractable():
    text = pdf.pdf_text(pdf.render_pdf("core/pdf/sample.html", SAMPLE))
    assert "رسید ثبت درخواست" in text
    assert "اداره صدور مجوزها" in text


def test_persian_text_uses_only_embedded_vazirmatn_fonts():
    names = font_names(pdf.render_pdf("core/pdf/sample.html", SAMPLE))
    assert names and all(name.startswith("Vazirmatn") for name in names)


def test_bold_heading_uses_the_bold_face():
    assert "Vazirmatn-Bold" in font_names(pdf.render_pdf("core/pdf/sample.html", SAMPLE))


def test_page_is_a4():
    page = PdfReader(io.BytesIO(pdf.render_pdf("core/pdf/sample.html", SAMPLE))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_header_shows_the_agency_name_from_settings(settings):
    settings.WAGTAIL_SITE_NAME = "اداره کل آزمایشی"
    assert "اداره کل آزمایشی" in pdf.pdf_text(pdf.render_pdf("core/pdf/sample.html", SAMPLE))


def test_footer_numbers_pages_in_persian_digits():
    long_body = {**SAMPLE, "rows": [(f"ردیف {i}", "مقدار") for i in range(80)]}
    reader = PdfReader(io.BytesIO(pdf.render_pdf("core/pdf/sample.html", long_body)))
    count = to_persian_digits(len(reader.pages))
    assert len(reader.pages) > 1
    assert f"صفحه {count} از {count}" in reader.pages[-1].extract_text()


def test_text_runs_right_to_left_from_the_right_margin():
    reader = PdfReader(io.BytesIO(pdf.render_pdf("core/pdf/sample.html", {**SAMPLE, "rows": []})))
    positions = []

    def visitor(text, cm, tm, font_dict, font_size):
        if "رسید" in text:
            positions.append(cm[4] + tm[4])

    reader.pages[0].extract_text(visitor_text=visitor)
    assert positions and min(positions) > float(reader.pages[0].mediabox.width) / 2


def test_html_is_rtl_persian_by_default():
    html = pdf.render_html("core/pdf/sample.html", SAMPLE)
    assert 'dir="rtl"' in html and 'lang="fa"' in html


def test_context_can_switch_to_ltr_english():
    html = pdf.render_html("core/pdf/sample.html", {**SAMPLE, "pdf_dir": "ltr", "pdf_lang": "en"})
    assert 'dir="ltr"' in html and 'lang="en"' in html


def test_font_configuration_and_css_are_reused_between_calls():
    pdf.render_pdf("core/pdf/sample.html", SAMPLE)
    first = pdf._resources()
    pdf.render_pdf("core/pdf/sample.html", SAMPLE)
    assert pdf._resources()[0] is first[0]


def test_missing_fonts_are_a_configuration_error(settings, tmp_path):
    settings.FONT_DIR = tmp_path
    with pytest.raises(ImproperlyConfigured, match="Vazirmatn"):
        pdf.render_pdf("core/pdf/sample.html", SAMPLE)


@pytest.fixture
def local_http_server():
    """A real HTTP server on localhost that records every request it receives."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red; }")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_rendering_never_fetches_network_urls(template_dir, local_http_server):
    base_url, hits = local_http_server
    (template_dir / "remote.html").write_text(
        '{% extends "core/pdf/base.html" %}{% block extra_css %}'
        f'<link rel="stylesheet" href="{base_url}/style.css">'
        '<style>@import url("' + base_url + '/import.css");</style>{% endblock %}'
        f'{{% block content %}}<img src="{base_url}/logo.png"><p>متن</p>{{% endblock %}}',
        encoding="utf-8",
    )
    assert pdf.render_pdf("remote.html", {}).startswith(b"%PDF-")
    assert hits == []


def test_fetcher_refuses_http_urls(local_http_server):
    base_url, hits = local_http_server
    with pytest.raises(ValueError, match="non-local"):
        pdf.url_fetcher()(base_url + "/x.css")
    assert hits == []


def test_fetcher_refuses_files_outside_allowed_folders(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    with pytest.raises(ValueError, match="outside allowed"):
        pdf.url_fetcher()(secret.as_uri())


def test_fetcher_refuses_path_traversal_out_of_the_font_folder():
    escape = (pdf.font_dir() / ".." / ".." / "manage.py").as_uri()
    with pytest.raises(ValueError, match="outside allowed"):
        pdf.url_fetcher()(escape)


def test_fetcher_reads_fonts_from_the_font_folder():
    response = pdf.url_fetcher()((pdf.font_dir() / "Vazirmatn-Regular.ttf").resolve().as_uri())
    try:
        assert len(response.read(4)) == 4
    finally:
        response.close()


def test_fetcher_reads_data_urls():
    response = pdf.url_fetcher()("data:text/plain;base64,c2FsYW0=")
    assert response.read() == b"salam"


def test_local_file_image_outside_allowed_folders_is_not_embedded(template_dir, tmp_path):
    svg = tmp_path / "outside.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    (template_dir / "local.html").write_text(
        '{% extends "core/pdf/base.html" %}{% block content %}'
        f'<img src="{svg.as_uri()}" alt="نشان"><p>متن</p>{{% endblock %}}',
        encoding="utf-8",
    )
    text = pdf.pdf_text(pdf.render_pdf("local.html", {}))
    assert "نشان" in text  # the alt text stands in for the refused image


def test_vazirmatn_is_registered_even_without_the_font_face_rules():
    from weasyprint import HTML

    font_config, _stylesheets = pdf._resources()
    html = '<html dir="rtl"><body style="font-family: Vazirmatn">متن فارسی</body></html>'
    document = HTML(string=html, url_fetcher=pdf.url_fetcher()).write_pdf(font_config=font_config)
    assert any(name.startswith("Vazirmatn") for name in font_names(document))
