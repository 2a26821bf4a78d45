"""Django side of the benchmark: migrate, seed, generate requests, and describe what to call.

Run as ``python -m tests.perf.prepare --out FILE [--requests N]`` with DJANGO_SETTINGS_MODULE=settings.bench
and DATABASE_URL set; writes a JSON "plan" the runner (which never imports Django) uses to build calls.
Every part that depends on an app that may be missing records why instead of failing the whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback

import django


def _missing(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--requests", type=int, default=1000, help="Grow the request table to at least N rows.")
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.bench")
    django.setup()
    from django.core.management import call_command

    plan: dict = {"missing": {}, "timings": {}}
    started = time.time()
    call_command("migrate", interactive=False, verbosity=0)
    plan["timings"]["migrate"] = round(time.time() - started, 1)

    from tests.perf import fixtures

    for name, step in fixtures.STEPS:
        if name == "seed" and args.skip_seed:
            continue
        t0 = time.time()
        try:
            step(plan, args)
        except Exception as exc:  # one missing app must not hide the other numbers
            plan["missing"][name] = _missing(exc)
            traceback.print_exc(file=sys.stderr)
        plan["timings"][name] = round(time.time() - t0, 1)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(plan, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
