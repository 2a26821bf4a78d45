"""Profile one benchmark row in-process with pyinstrument (same calls, Django test client, same DB).

    DATABASE_URL=… .venv/bin/python -m tests.perf.profile "tracking lookup" var/bench/plan-sqlite-1000.json

Writes var/bench/profiles/<row>.txt; docs/benchmarks.md links the profiles of missed targets.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import django

BUILDERS = {
    "tracking lookup": "tracking_lookup",
    "guide page (uncached)": "guide_uncached",
    "guide page (cached)": "guide_cached",
    "officer inbox": "inbox",
    "officer queue": "queue",
    "receipt PDF": "receipt_pdf",
    "one-paragraph PDF": "paragraph_pdf",
    "submission 1 MB": "submission",
    "hello": "hello",
}


def profile(row: str, plan_path: str, repeat: int = 30) -> Path:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.bench")
    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from . import endpoints

    plan = json.loads(Path(plan_path).read_text())
    calls = getattr(endpoints, BUILDERS[row])(plan)
    client = Client(HTTP_HOST="127.0.0.1")

    def fire(call):
        headers = {k.upper().replace("-", "_"): v for k, v in call.headers.items()}
        meta = {"CONTENT_TYPE": headers.pop("CONTENT_TYPE", "")} if call.body else {}
        if "COOKIE" in headers:
            for part in headers.pop("COOKIE").split(";"):
                k, _, v = part.strip().partition("=")
                client.cookies[k] = v
        method = getattr(client, call.method.lower())
        if call.body:
            return method(call.path, data=call.body, content_type=meta["CONTENT_TYPE"])
        return method(call.path)

    for call in calls[:3]:
        fire(call)  # warm caches and imports, as the server would be
    profiler = Profiler(interval=0.0005)
    profiler.start()
    statuses = [fire(calls[i % len(calls)]).status_code for i in range(repeat)]
    profiler.stop()
    out = Path(__file__).resolve().parents[2] / "var" / "bench" / "profiles"
    out.mkdir(parents=True, exist_ok=True)
    path = out / (re.sub(r"[^a-z0-9]+", "-", row.lower()).strip("-") + ".txt")
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    path.write_text(f"{row}: {repeat} calls, statuses {sorted(set(statuses))}\n\n{text}", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(profile(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30))
