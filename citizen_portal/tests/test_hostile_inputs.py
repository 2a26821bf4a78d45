"""Hostile and malformed input in every field: always a 4xx with a message, never a 5xx, nothing stored.

Every case is sent through both doors (the HTML form and the API). The totals are printed so they
can be reported; run with `-s` to see them.
"""

from __future__ import annotations

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.factories import applicant_post, staffed_guide
from workflows.models import Applicant, RequestDocument, ServiceRequest

from .files import image_bytes, noisy_png_bytes, pdf_bytes, png_bomb_bytes
from .helpers import stored_request_files

MB = 1024 * 1024

HOSTILE_TEXT = {
    "national_id": [
        "",
        "1234567890",
        "1111111111",
        "0000000000",
        "۱۲۳",
        "123456789012345678901234567890",
        "۱۲۳abc۴۵۶۷",
        "0012345678'; DROP TABLE workflows_applicant;--",
        "<script>alert(1)</script>",
        "\u202e0012345679",
        "001234567\x00",
        "١٢٣٤٥٦٧٨٩٠",
        "9" * MB,
    ],
    "first_name": [
        "",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Robert'); DROP TABLE workflows_applicant;--",
        "' OR '1'='1",
        "علی\u202eیلع",
        "علی\u2066x\u2069",
        "علی\x00",
        "علی\x1b[31m",
        "\u200c\u200c\u200c",
        "علی۱۲۳",
        "ع" * 61,
        "ع" * MB,
        "{{ 7*7 }}",
        "&#x3C;script&#x3E;",
    ],
    "last_name": ["", "</textarea><script>x</script>", "x; SELECT pg_sleep(10)", "ک" * 300, "\u202dRLO", "ن\x7f"],
    "mobile": [
        "",
        "0912",
        "+1 555 0100",
        "۰۹۱۲abc۱۲۳۴",
        "09120001234<script>",
        "\u202e09120001234",
        "09120001234' OR 1=1--",
        "0" * MB,
        "٠٩١٢٠٠٠١٢٣٤٥٦",
    ],
    "email": ["not-an-email", "<script>@example.org", "a@example.org\u202e", "x" * 300 + "@example.org", "a@b@c"],
}


def _hostile_files() -> list[tuple[str, dict]]:
    """(description, {document key: (name, bytes)}) — each replaces the valid files of a request."""
    exe = b"MZ\x90\x00\x03" + b"\x00" * 500
    html = b"<html><body><script>alert(1)</script></body></html>"
    noisy = noisy_png_bytes()
    truncated_png = noisy[: len(noisy) // 2]
    polyglot = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"
    return [
        ("exe renamed to pdf", {"national-card": ("card.pdf", exe)}),
        ("html renamed to png", {"national-card": ("card.png", html)}),
        ("png content with pdf extension", {"national-card": ("card.pdf", image_bytes("PNG"))}),
        ("pdf content with png extension", {"national-card": ("card.png", pdf_bytes())}),
        ("zero-byte file", {"national-card": ("card.pdf", b"")}),
        ("oversized file", {"national-card": ("card.pdf", pdf_bytes() + b"%" * (2 * MB))}),
        ("truncated png", {"national-card": ("card.png", truncated_png)}),
        ("decompression bomb", {"national-card": ("bomb.png", png_bomb_bytes())}),
        ("pdf header with garbage", {"national-card": ("card.pdf", polyglot)}),
        ("path traversal without extension", {"national-card": ("../../../../etc/passwd", pdf_bytes())}),
        ("windows traversal to ini", {"national-card": ("..\\..\\windows\\win.ini", pdf_bytes())}),
        ("bidi override hiding .exe", {"national-card": ("invoice\u202efdp.exe", pdf_bytes())}),
        ("fullwidth extension", {"national-card": ("card.\uff50\uff44\uff46", pdf_bytes())}),
        ("double extension .pdf.exe", {"national-card": ("card.pdf.exe", pdf_bytes())}),
        ("null byte in name", {"national-card": ("card.pdf\x00.exe", exe)}),
        ("document of another service", {"driving-licence": ("licence.pdf", pdf_bytes())}),
        ("missing mandatory document", {"national-card": None}),
    ]


class Tally:
    def __init__(self):
        self.tried = 0
        self.server_errors: list[str] = []
        self.not_refused: list[str] = []

    def check(self, label: str, response) -> None:
        self.tried += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{label}: {response.status_code}")
        elif not 400 <= response.status_code < 500:
            self.not_refused.append(f"{label}: {response.status_code}")


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _valid_files() -> dict[str, tuple[str, bytes]]:
    return {"national-card": ("card.pdf", pdf_bytes()), "ownership-deed": ("deed.png", image_bytes("PNG"))}


def _send_html(client, guide, fields: dict, files: dict) -> object:
    data = dict(fields)
    for key, spec in files.items():
        if spec is not None:
            data[f"document_{key}"] = _upload(*spec)
    return client.post(reverse("citizen_portal:apply", args=[guide.service_code]), data)


def _send_api(client, guide, fields: dict, files: dict) -> object:
    data = {**fields, "service": guide.service_code, "consent": "true" if fields.get("consent") else ""}
    for key, spec in files.items():
        if spec is not None:
            data[key] = _upload(*spec)
    return client.post("/api/v1/requests/", data)


def _nothing_stored(files_before: list[str]) -> None:
    assert ServiceRequest.objects.count() == 0
    assert Applicant.objects.count() == 0
    assert RequestDocument.objects.count() == 0
    assert stored_request_files() == files_before


def _staged_bytes_are_only_valid_samples() -> None:
    storage = storages["private"]
    from core.uploads import reencode_image

    allowed = {pdf_bytes(), reencode_image(image_bytes("PNG"), "png")}  # images are staged re-encoded
    try:
        folders, _ = storage.listdir("staging")
    except FileNotFoundError:
        return
    for folder in folders:
        for name in storage.listdir(f"staging/{folder}")[1]:
            if name.endswith(".bin"):
                with storage.open(f"staging/{folder}/{name}") as handle:
                    assert handle.read() in allowed


@pytest.mark.django_db
def test_hostile_inputs_get_4xx_never_5xx_and_nothing_is_stored(settings):
    settings.PORTAL_TRACK_MAX_FAILURES = 10_000  # measure the answers, not the lockout or throttles
    settings.PORTAL_API_SUBMIT_RATE = settings.PORTAL_API_LOOKUP_RATE = "100000/min"
    guide = staffed_guide(max_size_mb=1)
    staffed_guide(documents=[("driving-licence", "گواهی‌نامه", "mandatory", "")])  # another service's document
    client = Client(raise_request_exception=False)
    tally = Tally()
    base = applicant_post()
    files_before = stored_request_files()

    for field, values in HOSTILE_TEXT.items():
        for value in values:
            fields = {**base, field: value}
            tally.check(f"html {field}={value[:20]!r}", _send_html(client, guide, fields, _valid_files()))
            tally.check(f"api {field}={value[:20]!r}", _send_api(client, guide, fields, _valid_files()))

    no_consent = {k: v for k, v in base.items() if k != "consent"}
    tally.check("html no consent", _send_html(client, guide, no_consent, _valid_files()))
    tally.check("api no consent", _send_api(client, guide, no_consent, _valid_files()))

    for label, replacement in _hostile_files():
        files = {**_valid_files(), **replacement}
        tally.check(f"html {label}", _send_html(client, guide, base, files))
        tally.check(f"api {label}", _send_api(client, guide, base, files))

    # too many files: the same document twice, and more parts than Django accepts
    twice = {**base, "document_national-card": [_upload("a.pdf", pdf_bytes()), _upload("b.pdf", pdf_bytes())]}
    tally.check(
        "html same document twice", client.post(reverse("citizen_portal:apply", args=[guide.service_code]), twice)
    )
    many = {**base, "service": guide.service_code, "consent": "true"}
    many.update({f"f{i}": _upload(f"{i}.pdf", pdf_bytes()) for i in range(120)})
    tally.check("api 120 files", client.post("/api/v1/requests/", many))
    tally.check(
        "api unknown document keys",
        client.post("/api/v1/requests/", {**many_keys(guide, base), "../../etc/passwd": _upload("x.pdf", pdf_bytes())}),
    )

    # body larger than the total limit
    huge = _upload("huge.pdf", pdf_bytes() + b"%" * (21 * MB))
    tally.check(
        "html body over total limit", _send_html(client, guide, base, {"national-card": ("huge.pdf", huge.read())})
    )
    tally.check(
        "api body over total limit",
        client.post(
            "/api/v1/requests/",
            {**base, "service": guide.service_code, "national-card": _upload("h.pdf", b"%PDF" + b"0" * 21 * MB)},
        ),
    )

    # the service field of the API
    for service in ["", "../../admin", "' OR 1=1 --", "99999999999", "1" * MB, "<script>", "۱۰۰۶۱۰۷۷۰۰۱"]:
        tally.check(
            f"api service={service[:20]!r}",
            client.post("/api/v1/requests/", {**base, "service": service, "consent": "true"}),
        )

    # tracking look-ups (HTML and API): nothing to store, but must be a clean 4xx
    for code, nid in [
        ("' OR 1=1 --", base["national_id"]),
        ("1" * MB, "1" * MB),
        ("\u202e12345678901234", "\x00"),
        ("<script>", "<script>"),
        ("12345678901234", "0000000000"),
        ("١٢٣٤٥٦٧٨٩٠١٢٣٤", "۱۲۳"),
    ]:
        tally.check(f"track {code[:10]!r}", client.post("/track/", {"tracking_code": code, "national_id": nid}))
        tally.check(
            f"lookup {code[:10]!r}",
            client.post(
                "/api/v1/requests/lookup/", {"tracking_code": code, "national_id": nid}, content_type="application/json"
            ),
        )
    for raw in ["{", "[]", '{"tracking_code": 5}', '{"tracking_code": null, "national_id": []}', "\x00" * 100]:
        tally.check(
            f"lookup raw {raw[:10]!r}", client.post("/api/v1/requests/lookup/", raw, content_type="application/json")
        )

    # verification page with forged or broken input
    for code, sig in [("1" * 5000, "x" * 5000), ("<script>", "'; DROP"), ("12345678901234", "A" * 86)]:
        tally.check("verify link", client.get("/verify/", {"code": code, "sig": sig}))
    tally.check("verify not a pdf", client.post("/verify/", {"receipt_file": _upload("r.pdf", b"<html>")}))
    tally.check("verify broken pdf", client.post("/verify/", {"receipt_file": _upload("r.pdf", b"%PDF-1.7 garbage")}))

    print(f"\nHOSTILE INPUTS TRIED: {tally.tried}; 5xx: {len(tally.server_errors)}; accepted: {len(tally.not_refused)}")
    assert tally.server_errors == []
    assert tally.not_refused == []
    _nothing_stored(files_before)
    _staged_bytes_are_only_valid_samples()


def many_keys(guide, base) -> dict:
    return {
        **base,
        "service": guide.service_code,
        "consent": "true",
        **{k: _upload(*v) for k, v in _valid_files().items()},
    }


@pytest.mark.django_db
@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    field=st.sampled_from(["national_id", "first_name", "last_name", "mobile", "email"]),
    value=st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
)
def test_random_text_in_any_field_never_causes_a_5xx(field, value):
    from django.core.cache import cache

    cache.clear()  # each example starts below the throttles
    guide = _fuzz_guide()
    client = Client(raise_request_exception=False)
    fields = {**applicant_post(), field: value}
    # no files: the mandatory documents are missing, so every answer must be a 4xx and nothing stored
    html = client.post(reverse("citizen_portal:apply", args=[guide.service_code]), fields)
    api = client.post("/api/v1/requests/", {**fields, "service": guide.service_code, "consent": "true"})
    assert html.status_code == 400 and api.status_code == 400
    assert ServiceRequest.objects.count() == 0


def _fuzz_guide():
    from cms.models import ServiceGuidePage

    guide = ServiceGuidePage.objects.filter(title="fuzz").first()
    return guide or staffed_guide(title="fuzz")


@pytest.mark.django_db
@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.binary(max_size=2048), name=st.text(max_size=60))
def test_random_file_bytes_and_names_are_refused_cleanly(data, name):
    from django.core.cache import cache

    cache.clear()  # each example starts below the throttles (the HTML form shares the API's submit budget)
    guide = _fuzz_guide()
    client = Client(raise_request_exception=False)
    # The test client itself refuses names with no base name ("/"); a browser would send "x" for those.
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    safe_name = name if base not in {"", ".", ".."} else "x"
    fields = {**applicant_post(), "document_national-card": SimpleUploadedFile(safe_name, data)}
    response = client.post(reverse("citizen_portal:apply", args=[guide.service_code]), fields)
    assert response.status_code == 400  # deed missing; the random file is never a valid document
    assert RequestDocument.objects.count() == 0
