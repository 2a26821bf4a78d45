"""Small helpers shared by the journeys (no fixtures here)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.perf.endpoints import letters, make_pdf

DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def ascii_digits(text: str) -> str:
    return text.translate(DIGITS)


def tracking_code_in(text: str) -> str | None:
    """The first 14-digit tracking code shown on a page (grouped or not, any digit script)."""
    match = re.search(r"(\d{4})\s?(\d{4})\s?(\d{4})\s?(\d{2})", ascii_digits(text))
    return "".join(match.groups()) if match else None


def pdf_file(folder: Path, name: str, size: int = 30_000) -> str:
    path = folder / f"{name}.pdf"
    path.write_bytes(make_pdf(size, name))
    return str(path)


def fill_applicant(page, national_id: str, index: int) -> None:
    page.fill("#id_national_id", national_id)
    page.fill("#id_first_name", "مریم")
    page.fill("#id_last_name", "آزمون" + letters(index))
    page.fill("#id_mobile", f"0912000{index:04d}")


def attach_all_documents(page, folder: Path) -> int:
    """Give every document input a small PDF; returns how many."""
    inputs = page.locator("input[type=file]")
    for i in range(inputs.count()):
        name = inputs.nth(i).get_attribute("name") or f"doc{i}"
        inputs.nth(i).set_input_files(pdf_file(folder, name.replace("document_", "")))
    return inputs.count()
