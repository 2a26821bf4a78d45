"""System integrity in the browser: a Content-Security-Policy without 'unsafe-inline' on every page of the
public site and the officer's side (a looser one only under the admin prefixes), Permissions-Policy and
Referrer-Policy on every response, and no inline script, event handler or style left in our templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import FINAL, UnitFactory, build_guide, member, staffed_guide, submit

pytestmark = [pytest.mark.django_db, pytest.mark.security]

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "cms", "workflows", "notifications", "correspondence", "citizen_portal"]
# Rendered to PDF by WeasyPrint on the server, never served to a browser as HTML.
PDF_TEMPLATES = {"receipt_pdf.html", "decision.html", "base.html", "sample.html"}
PDF_FOLDERS = {"pdf", "letters"}


def _directives(header: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def _assert_strict(url: str, response, security_tally) -> None:
    header = response.get("Content-Security-Policy", "")
    directives = _directives(header)
    strict = bool(header) and "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    security_tally.attempt("system integrity", refused=strict)
    assert header, url
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header, (url, header)
    assert directives.get("script-src") == ["'self'"] or "'none'" in directives.get("default-src", []), (url, header)
    assert directives.get("object-src") == ["'none'"] or directives.get("default-src") == ["'none'"], (url, header)
    assert "camera=()" in response.get("Permissions-Policy", ""), url
    assert response.get("Referrer-Policy") == "same-origin", url


def test_public_pages_have_a_strict_csp(client, security_tally):
    from tests.factories import make_category, make_site

    home = make_site()
    category = make_category(home)
    guide = staffed_guide()
    urls = [
        home.url,
        category.url,
        reverse("cms_search") + "?q=test",
        reverse("cms_guide_checklist", args=[guide.service_code]),
        reverse("citizen_portal:apply", kwargs={"service_code": guide.service_code}),
        reverse("citizen_portal:track"),
        reverse("citizen_portal:verify"),
        reverse("citizen_portal:my_requests"),
        reverse("login"),
        "/api/v1/schema/",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        _assert_strict(url, response, security_tally)


def test_receipt_page_has_a_strict_csp(client, security_tally):
    from citizen_portal.tests.helpers import apply_online

    guide = staffed_guide()
    sr = apply_online(client, guide)
    response = client.get(reverse("citizen_portal:receipt", args=[sr.tracking_code]))
    assert response.status_code == 200
    _assert_strict("receipt", response, security_tally)


def test_officer_pages_have_a_strict_csp(client, security_tally):
    from workflows.flows import RequestFlow

    intake, unit = UnitFactory(), UnitFactory()
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    sr = submit(guide)
    officer = member(intake)
    client.force_login(officer)
    urls = [
        "/workflow/",
        RequestFlow.instance.reverse("process_detail", args=[sr.process.pk]),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        _assert_strict(url, response, security_tally)


def test_only_the_admin_prefixes_get_the_looser_policy(admin_client, security_tally):
    response = admin_client.get("/" + settings.DESK_CMS_ADMIN_PREFIX, follow=True)
    header = response.get("Content-Security-Policy", "")
    security_tally.attempt("system integrity", refused="'unsafe-inline'" in header, expected=True)
    assert "'unsafe-inline'" in _directives(header).get("script-src", [])
    assert _directives(header).get("object-src") == ["'none'"]
    assert _directives(header).get("frame-ancestors") == ["'self'"]  # Wagtail's live preview frames the admin


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"<style[\s>]", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_our_templates_have_no_inline_code():
    found = []
    for app in APPS:
        for path in (ROOT / app / "templates").rglob("*.html"):
            if path.name in PDF_TEMPLATES and PDF_FOLDERS & set(path.parts) or path.name == "receipt_pdf.html":
                continue
            text = path.read_text(encoding="utf-8")
            for pattern, what in INLINE:
                for match in pattern.finditer(text):
                    found.append(f"{path.relative_to(ROOT)}: {what}: {match.group(0)[:60]}")
    assert found == []


RENDERED_INLINE = [(p, w) for p, w in INLINE if w != "javascript: URL"]


def _inline_in(html: str) -> list[str]:
    return [f"{what}: {m.group(0)[:80]}" for pattern, what in RENDERED_INLINE for m in pattern.finditer(html)]


def test_officer_pages_render_no_inline_code(client):
    from workflows.flows import RequestFlow

    intake, unit = UnitFactory(), UnitFactory()
    guide = build_guide([(unit, FINAL)], intake_unit=intake)
    sr = submit(guide)
    client.force_login(member(intake))
    app = RequestFlow.instance
    urls = [app.reverse(name) for name in ("inbox", "queue", "archive", "process_list")]
    urls.append(app.reverse("process_detail", args=[sr.process.pk]))
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        inline = _inline_in(response.content.decode())
        if inline:
            found[url] = inline
    assert found == {}
