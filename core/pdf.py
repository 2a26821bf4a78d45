"""HTML-to-PDF rendering for letters, receipts and reports (WeasyPrint, Vazirmatn, RTL, A4).

Rendering never touches the network: only ``data:`` URLs and ``file:`` URLs inside the font and
static folders are fetched, so a template (or anything that slips into it) cannot make the server
call out or read arbitrary files.
"""

from __future__ import annotations

import atexit
import io
import logging
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string

FONT_FAMILY = "Vazirmatn"
# (file stem suffix, CSS font-weight)
FONT_FACES = (("Regular", 400), ("Medium", 500), ("Bold", 700))
PRINT_CSS_TEMPLATE = "core/pdf/print.css"

# WeasyPrint logs every rendering step at INFO; keep the server log for what matters.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_local = threading.local()  # WeasyPrint's font configuration is not shared between threads.


def clear_cache() -> None:
    """Forget this thread's font configuration and stylesheets (they are rebuilt on the next render)."""
    _local.__dict__.pop("resources", None)


# Drop WeasyPrint objects before interpreter teardown, when their destructors can no longer run cleanly.
atexit.register(clear_cache)


def font_dir() -> Path:
    return Path(getattr(settings, "FONT_DIR", Path(settings.BASE_DIR) / "var" / "fonts"))


def allowed_file_roots() -> list[Path]:
    """Folders a PDF may read files from: fonts, static sources and collected static files."""
    roots = [font_dir(), Path(settings.BASE_DIR) / "static"]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT))
    roots += [Path(p) for p in getattr(settings, "PDF_ALLOWED_DIRS", [])]
    return [r.resolve() for r in roots]


def _is_allowed_file(url: str) -> bool:
    path = Path(unquote(urlsplit(url).path)).resolve()
    return any(path == root or root in path.parents for root in allowed_file_roots())


def _url_fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalOnlyURLFetcher(URLFetcher):
        """Fetches ``data:`` URLs and ``file:`` URLs under the allowed folders; refuses the rest."""

        def __init__(self, **kwargs):
            kwargs.setdefault("allowed_protocols", {"file", "data"})
            super().__init__(**kwargs)

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme not in {"file", "data"}:
                raise ValueError(f"PDF rendering refuses non-local URL: {url[:80]}")
            if scheme == "file" and not _is_allowed_file(url):
                raise ValueError(f"PDF rendering refuses file outside allowed folders: {url[:80]}")
            return super().fetch(url, headers)

    return LocalOnlyURLFetcher


def url_fetcher():
    """A WeasyPrint URL fetcher that allows only local fonts/static files and data: URLs."""
    return _url_fetcher_class()()


def font_face_css(directory: Path | None = None) -> str:
    """@font-face rules for the Vazirmatn TTFs, referenced by file:// URL."""
    directory = directory or font_dir()
    rules = []
    for suffix, weight in FONT_FACES:
        path = (directory / f"{FONT_FAMILY}-{suffix}.ttf").resolve()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: {weight}; '
            f'src: url("{path.as_uri()}") format("truetype"); }}'
        )
    return "\n".join(rules)


def _register_font_files(font_config, directory: Path) -> None:
    """Add the TTFs to the font configuration itself, so even text outside our CSS finds Persian glyphs."""
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2

    added = False
    for suffix, _weight in FONT_FACES:
        path = directory / f"{FONT_FAMILY}-{suffix}.ttf"
        if path.exists():
            added |= bool(fontconfig.FcConfigAppFontAddFile(font_config._config, str(path).encode()))
    if added:
        pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", font_config.font_map))


def _resources():
    """Font configuration and stylesheets, built once per thread and font folder, then reused."""
    directory = font_dir()
    cached = getattr(_local, "resources", None)
    if cached and cached[0] == directory:
        return cached[1], cached[2]
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    missing = [s for s, _ in FONT_FACES if not (directory / f"{FONT_FAMILY}-{s}.ttf").exists()]
    if missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"Vazirmatn fonts missing in FONT_DIR={directory}: {missing}")
    font_config = FontConfiguration()
    _register_font_files(font_config, directory)
    fetcher = url_fetcher()
    css = render_to_string(PRINT_CSS_TEMPLATE, {})
    stylesheets = [
        CSS(string=font_face_css(directory), font_config=font_config, url_fetcher=fetcher),
        CSS(string=css, font_config=font_config, url_fetcher=fetcher),
    ]
    _local.resources = (directory, font_config, stylesheets)
    return font_config, stylesheets


def render_html(template_name: str, context: dict) -> str:
    """The HTML a PDF is made from; base context (site name) is added, the caller's wins."""
    base = {"site_name": settings.WAGTAIL_SITE_NAME, "pdf_dir": "rtl", "pdf_lang": "fa"}
    return render_to_string(template_name, {**base, **(context or {})})


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to A4 PDF bytes in Vazirmatn, right-to-left unless the template says otherwise."""
    from weasyprint import HTML

    font_config, stylesheets = _resources()
    html = render_html(template_name, context)
    static_base = (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"
    document = HTML(string=html, base_url=static_base, url_fetcher=url_fetcher())
    return document.write_pdf(stylesheets=stylesheets, font_config=font_config)


def pdf_text(pdf_bytes: bytes) -> str:
    """Extracted text of every page (for tests and quick checks)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
