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


def request_in_state(site, scenario: str) -> tuple[str, str]:
    """Tracking code and national ID of a seeded request driven to `scenario` by workflows.demo.

    cms.demo's front desk has only a clerk, so nobody may take intake tasks and every demo
    request stays "submitted"; officer1 is given the intake role first (idempotent).
    """
    out = site.shell(
        "from cms.models import UnitMembership as M; from cms.enums import Role; "
        "from django.contrib.auth.models import User; from workflows.permissions import sync_unit_permissions; "
        "from workflows.models import ServiceRequest as R; from workflows.demo import _drive; "
        "r = R.objects.filter(status='submitted', channel='online').order_by('-pk').first(); "
        "desk = r.guide.effective_intake_unit; "
        "M.objects.get_or_create(unit=desk, user=User.objects.get(username='officer1'), defaults={'role': Role.OFFICER}); "
        "sync_unit_permissions(desk); "
        f"_drive(r, '{scenario}'); r.refresh_from_db(); print(r.tracking_code, r.applicant.national_id, r.status)"
    )
    code, national_id, _status = out.split()
    return code, national_id
