"""After the outage: is every acknowledged submission complete, and did every failed one store nothing?

Run with the fault test's DATABASE_URL; prints a JSON summary on stdout.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import django


def main(path: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.bench")
    django.setup()
    from django.conf import settings

    from workflows.models import Applicant, RequestDocument, ServiceRequest, national_id_digest

    outcomes = json.loads(Path(path).read_text())
    summary = {
        "acknowledged": 0,
        "acknowledged_complete": 0,
        "failed": 0,
        "failed_clean": 0,
        "failed_but_stored": 0,
        "failure_kinds": {},
        "orphan_files": 0,
        "problems": [],
    }
    for o in outcomes:
        nid_hash = national_id_digest(o["national_id"])
        if o["status"] == 201 and o.get("tracking_code"):
            summary["acknowledged"] += 1
            req = ServiceRequest.objects.filter(tracking_code=o["tracking_code"]).select_related("applicant").first()
            problem = _check_complete(req, o, nid_hash)
            if problem:
                summary["problems"].append(f"{o['tracking_code']}: {problem}")
            else:
                summary["acknowledged_complete"] += 1
        else:
            summary["failed"] += 1
            kind = str(o["status"]) if o["status"] else "connection error"
            summary["failure_kinds"][kind] = summary["failure_kinds"].get(kind, 0) + 1
            stored = ServiceRequest.objects.filter(applicant__national_id_hash=nid_hash).exists()
            stored |= Applicant.objects.filter(national_id_hash=nid_hash).exists()
            if stored:
                summary["failed_but_stored"] += 1
                summary["problems"].append(f"failed submission ({kind}) left rows behind")
            elif o["status"] in (0,) or o["status"] >= 500:
                summary["failed_clean"] += 1
            else:
                summary["problems"].append(f"failed with {o['status']} (not a server error): {o.get('error', '')[:80]}")
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    referenced = set(RequestDocument.objects.values_list("file", flat=True))
    on_disk = (
        {str(p.relative_to(root)) for p in (root / "requests").rglob("*") if p.is_file()} if root.exists() else set()
    )
    summary["orphan_files"] = len(on_disk - referenced)
    if summary["orphan_files"]:
        summary["problems"].append(f"{summary['orphan_files']} stored files belong to no document")
    json.dump(summary, sys.stdout, ensure_ascii=False)
    return 0


def _check_complete(req, outcome: dict, nid_hash: str) -> str:
    """Empty string when the request, its applicant, its process and every file with its hash are there."""
    if req is None:
        return "acknowledged but not stored"
    if req.applicant.national_id_hash != nid_hash:
        return "stored with another applicant"
    if not req.processes.exists():
        return "no workflow process"
    docs = {d.key: d for d in req.documents.all()}
    for key, sha in outcome["hashes"].items():
        doc = docs.get(key)
        if doc is None:
            return f"document {key} missing"
        if doc.sha256 != sha:
            return f"document {key} stored hash differs"
        try:
            with doc.file.open("rb") as fh:
                actual = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            return f"document {key} file missing"
        if actual != sha:
            return f"document {key} file content differs"
    return ""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
