"""What each benchmark row calls, built from the prepare plan. No Django imports here.

Each builder returns a list of Calls (the load generator cycles through them) or raises Missing.
"""

from __future__ import annotations

import hashlib
import os
import uuid

from .loadgen import Call


class Missing(Exception):
    """The endpoint (or the data it needs) does not exist in this tree yet."""


def need(plan: dict, key: str):
    if key not in plan:
        raise Missing(plan.get("missing", {}).get(key, f"prepare produced no {key!r}"))
    return plan[key]


def hello(plan: dict) -> list[Call]:
    return [Call("GET", "/bench/hello/")]


def paragraph_pdf(plan: dict) -> list[Call]:
    return [Call("GET", "/bench/paragraph.pdf")]


def receipt_pdf(plan: dict) -> list[Call]:
    return [Call("GET", path, {"Cookie": cookie} if cookie else {}) for path, cookie in need(plan, "receipts")]


def tracking_lookup(plan: dict) -> list[Call]:
    spec = need(plan, "lookup")
    return [Call("POST", spec["path"], {"Content-Type": "application/json"}, body.encode()) for body in spec["bodies"]]


def guide_uncached(plan: dict) -> list[Call]:
    spec = need(plan, "guides")
    # A query string the cache key includes but the page ignores: every hit is a cache miss.
    return [Call("GET", f"{path}?nocache={uuid.uuid4().hex}", spec.get("headers", {})) for path in spec["paths"] * 200]


def guide_cached(plan: dict) -> list[Call]:
    spec = need(plan, "guides")
    return [Call("GET", path, spec.get("headers", {})) for path in spec["paths"]]


def inbox(plan: dict) -> list[Call]:
    """The officer's own tasks (Viewflow inbox: assigned to them)."""
    spec = need(plan, "inbox")
    return [Call("GET", spec["path"], {"Cookie": spec["cookie"]})]


def queue(plan: dict) -> list[Call]:
    """The officer's unit queue (Viewflow queue: unassigned tasks they may claim)."""
    spec = need(plan, "queue")
    return [Call("GET", spec["path"], {"Cookie": spec["cookie"]})]


def multipart(fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body (fields, then files as name -> (filename, content type, bytes))."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, ctype, data) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


LETTERS = "ابپتثجچحخدرزسشصطعفقکگلمنوهی"


def letters(n: int) -> str:
    """A distinct letters-only word for n (names may not contain digits)."""
    out = ""
    while True:
        n, r = divmod(n, len(LETTERS))
        out += LETTERS[r]
        if not n:
            return out


def make_pdf(n_bytes: int = 20_000, tag: str = "") -> bytes:
    """A real one-page PDF (pypdf) padded to about n_bytes with an incompressible data stream (not an
    attachment: embedded files are active content, refused by core.uploads)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    if n_bytes > 2000:
        filler = b"".join(hashlib.sha256(f"{tag}-{i}".encode()).digest() for i in range(n_bytes // 32))
        padding = StreamObject()
        padding.set_data(filler[: n_bytes - 1500])
        page[NameObject("/DeskPadding")] = writer._add_object(padding)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def submission_calls(plan: dict, count: int, size: int = 1024 * 1024) -> list[tuple[Call, dict]]:
    """`count` distinct submissions: a `size`-byte PDF for the first document, 20 kB for the others."""
    spec = need(plan, "submission")
    out = []
    for i in range(count):
        seed = f"{os.getpid()}-{i}-{uuid.uuid4().hex}"
        fields = dict(spec["fields"])
        fields.update(spec["applicants"][i % len(spec["applicants"])])
        files = {}
        hashes = {}
        for n, key in enumerate(spec["document_keys"]):
            data = make_pdf(size if n == 0 else 20_000, f"{seed}-{key}")
            files[spec["file_field_format"].format(key=key)] = (f"{key}.pdf", "application/pdf", data)
            hashes[key] = hashlib.sha256(data).hexdigest()
        body, ctype = multipart(fields, files)
        out.append((Call("POST", spec["path"], {"Content-Type": ctype}, body), {"hashes": hashes, "fields": fields}))
    return out


def submission(plan: dict, count: int = 24) -> list[Call]:
    return [call for call, _ in submission_calls(plan, count)]
