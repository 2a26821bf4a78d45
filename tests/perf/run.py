"""`make bench`: build the databases, serve the app with gunicorn, measure every endpoint, write the report.

    .venv/bin/python -m tests.perf.run            # quick: 1k and 20k requests, on PostgreSQL and on SQLite
    .venv/bin/python -m tests.perf.run --full     # 1,000,000 on PostgreSQL, 100,000 on SQLite
    .venv/bin/python -m tests.perf.run --db sqlite --seconds 3

Only 127.0.0.1 is ever loaded. Results: var/bench/results.json and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from . import endpoints, report
from .loadgen import run_load, run_paired
from .server import ROOT, Gunicorn

OUT = ROOT / "var" / "bench"
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = os.environ.get("BENCH_PG_DB", "desk_bench")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def reset_postgres(name: str, template: str | None = None) -> None:
    """A fresh database, empty or copied from `template` (a fast file-level copy)."""
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def db_env(kind: str, db_name: str | None = None) -> dict[str, str]:
    if kind == "sqlite":
        path = OUT / f"{db_name or 'bench'}.sqlite3"
        return {"DATABASE_URL": f"sqlite:///{path}", "BENCH_PRIVATE_ROOT": str(OUT / "private-sqlite")}
    return {"DATABASE_URL": f"{PG_BASE}/{db_name or PG_NAME}", "BENCH_PRIVATE_ROOT": str(OUT / "private-postgres")}


def prepare(kind: str, requests: int, *, skip_seed: bool = False, db_name: str | None = None) -> dict:
    """Run tests.perf.prepare in a subprocess (one Django per database) and return its plan."""
    out = OUT / f"plan-{kind}-{requests}.json"
    cmd = [sys.executable, "-m", "tests.perf.prepare", "--out", str(out), "--requests", str(requests)]
    if skip_seed:
        cmd.append("--skip-seed")
    env = {**os.environ, **db_env(kind, db_name), "DJANGO_SETTINGS_MODULE": "settings.bench"}
    log(f"prepare {kind} {db_name or ''}: {requests} requests")
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    plan = json.loads(out.read_text())
    for name, why in plan.get("missing", {}).items():
        log(f"  missing {name}: {why}")
    return plan


class Session:
    """Measures rows against one running gunicorn and collects them."""

    def __init__(self, args, kind: str, plan: dict, server: Gunicorn, results: dict, label: str):
        self.args, self.kind, self.plan, self.server, self.results, self.label = (
            args,
            kind,
            plan,
            server,
            results,
            label,
        )

    def measure(self, name: str, builder, *, concurrency: int | None = None, seconds: float | None = None, ok=(200,)):
        key = f"{name} [{self.kind}]"
        try:
            calls = builder(self.plan)
        except endpoints.Missing as exc:
            log(f"{key}: missing ({exc})")
            self.results["missing"][key] = str(exc)
            return None
        concurrency = concurrency or self.args.concurrency
        seconds = seconds or self.args.seconds
        load_before = os.getloadavg()[0]
        if builder is endpoints.hello:
            summary = run_load(key, self.server.port, calls, concurrency=concurrency, seconds=seconds, ok_statuses=ok)
            paired = summary
        else:
            summary, paired = run_paired(
                key,
                self.server.port,
                calls,
                endpoints.hello(self.plan),
                concurrency=concurrency,
                seconds=seconds,
                ok_statuses=ok,
            )
        row = summary.as_dict() | {
            "db": self.kind,
            "dataset": self.label,
            "endpoint": name,
            "hello_rps": paired.rps,
            "hello_p50_ms": paired.p50_ms,
            "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        }
        self.results["rows"].append(row)
        log(
            f"{key} @ {self.label}: {summary.rps} req/s p50 {summary.p50_ms} ms p95 {summary.p95_ms} ms "
            f"q/req {summary.queries_per_request} errors {summary.errors} locked {summary.locked_errors} "
            f"(paired hello {paired.rps} req/s)"
        )
        if summary.first_errors:
            log(f"  first errors: {summary.first_errors[:2]}")
        return summary


def measure_growth(name: str, builder, small: Session, large: Session) -> None:
    """The same page on the small and the large database, in alternating slices (same background load)."""
    key = f"{name} [{large.kind}]"
    try:
        small_calls, large_calls = builder(small.plan), builder(large.plan)
    except endpoints.Missing as exc:
        large.results["missing"][f"{key} growth"] = str(exc)
        return
    load_before = os.getloadavg()[0]
    at_large, at_small = run_paired(
        key,
        large.server.port,
        large_calls,
        small_calls,
        baseline_port=small.server.port,
        concurrency=large.args.concurrency,
        seconds=large.args.seconds * 2,
        rounds=4,
    )
    row = at_large.as_dict() | {
        "db": large.kind,
        "dataset": f"{large.label} vs {small.label}",
        "endpoint": f"{name} (growth)",
        "small_p50_ms": at_small.p50_ms,
        "small_p95_ms": at_small.p95_ms,
        "small_rps": at_small.rps,
        "small_queries_per_request": at_small.queries_per_request,
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    large.results["rows"].append(row)
    log(
        f"{key} growth: p50 {at_small.p50_ms} ms at {small.label} → {at_large.p50_ms} ms at {large.label} "
        f"(q/req {at_small.queries_per_request} → {at_large.queries_per_request}; errors {at_small.errors}/{at_large.errors})"
    )


def serve(args, kind: str, db_name: str | None = None) -> Gunicorn:
    return Gunicorn(db_env(kind, db_name), workers=args.workers, log=OUT / f"gunicorn-{kind}{db_name or ''}.log")


def _sqlite_files(name: str) -> list[Path]:
    return [OUT / f"{name}.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]


def run_sqlite(args, results: dict) -> None:
    """Small file: hello, look-up, submissions. Large file (a copy of the small one, grown): the pages
    whose cost could grow with the archive, measured against the small file in alternating slices."""
    if not args.reuse:
        for path in _sqlite_files("bench"):
            path.unlink(missing_ok=True)
    plan = prepare("sqlite", args.small)
    results["plans"]["sqlite-small"] = plan
    large_plan = None
    if args.sqlite_large > args.small:
        if not args.reuse:
            import sqlite3

            for path in _sqlite_files("bench-large"):
                path.unlink(missing_ok=True)
            with sqlite3.connect(OUT / "bench.sqlite3") as src, sqlite3.connect(OUT / "bench-large.sqlite3") as dst:
                src.backup(dst)
        large_plan = prepare("sqlite", args.sqlite_large, skip_seed=True, db_name="bench-large")
        results["plans"]["sqlite-large"] = large_plan
    with serve(args, "sqlite") as server:
        s = Session(args, "sqlite", plan, server, results, f"{args.small:,} requests")
        s.measure("hello", endpoints.hello)
        s.measure("tracking lookup", endpoints.tracking_lookup)
        s.measure("officer inbox", endpoints.inbox)
        s.measure("officer queue", endpoints.queue)
        if large_plan is not None:
            with serve(args, "sqlite", "bench-large") as big:
                b = Session(args, "sqlite", large_plan, big, results, f"{args.sqlite_large:,} requests")
                for name, builder in (
                    ("officer inbox", endpoints.inbox),
                    ("officer queue", endpoints.queue),
                    ("tracking lookup", endpoints.tracking_lookup),
                ):
                    measure_growth(name, builder, s, b)
        s.measure("submission 1 MB", endpoints.submission, concurrency=4, ok=(201,))


def run_postgres(args, results: dict) -> None:
    """Small database: every row. Large database (a copy of the small one, grown): the pages whose
    cost could grow with the archive, measured against the small database in alternating slices."""
    large_name = f"{PG_NAME}_large"
    if not args.reuse:
        reset_postgres(PG_NAME)
    plan = prepare("postgres", args.small)
    results["plans"]["postgres-small"] = plan
    large_plan = None
    if args.large > args.small:
        if not args.reuse:
            reset_postgres(large_name, template=PG_NAME)
        large_plan = prepare("postgres", args.large, skip_seed=True, db_name=large_name)
        results["plans"]["postgres-large"] = large_plan
    with serve(args, "postgres") as server:
        s = Session(args, "postgres", plan, server, results, f"{args.small:,} requests")
        s.measure("hello", endpoints.hello)
        s.measure("tracking lookup", endpoints.tracking_lookup)
        s.measure("guide page (uncached)", endpoints.guide_uncached)
        s.measure("guide page (cached)", endpoints.guide_cached)
        s.measure("officer inbox", endpoints.inbox)
        s.measure("officer queue", endpoints.queue)
        s.measure("one-paragraph PDF", endpoints.paragraph_pdf, concurrency=2)
        s.measure("receipt PDF", endpoints.receipt_pdf, concurrency=2)
        if large_plan is not None:
            with serve(args, "postgres", large_name) as big:
                b = Session(args, "postgres", large_plan, big, results, f"{args.large:,} requests")
                b.measure("hello", endpoints.hello)
                for name, builder in (
                    ("officer inbox", endpoints.inbox),
                    ("officer queue", endpoints.queue),
                    ("tracking lookup", endpoints.tracking_lookup),
                ):
                    measure_growth(name, builder, s, b)
        s.measure("submission 1 MB", endpoints.submission, concurrency=4, ok=(201,))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="1,000,000 requests on PostgreSQL and 100,000 on SQLite")
    parser.add_argument("--quick", action="store_true", help="the default: 1k and 20k requests on each database")
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--small", type=int, default=1000, help="requests in the small dataset")
    parser.add_argument("--large", type=int, help="requests in the large PostgreSQL dataset")
    parser.add_argument("--sqlite-large", type=int, help="requests in the large SQLite dataset (0 = none)")
    parser.add_argument("--seconds", type=float, help="measuring time per row")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes per row")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--reuse", action="store_true", help="keep existing bench databases (grow only)")
    parser.add_argument("--no-report", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    args.large = args.large if args.large is not None else (1_000_000 if args.full else 20_000)
    args.sqlite_large = args.sqlite_large if args.sqlite_large is not None else (100_000 if args.full else 20_000)
    args.seconds = args.seconds or (15.0 if args.full else 5.0)

    OUT.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "command": "python -m tests.perf.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": {
            k: getattr(args, k) for k in ("small", "large", "sqlite_large", "seconds", "concurrency", "workers")
        },
        "rows": [],
        "missing": {},
        "plans": {},
    }
    try:
        if args.db in ("both", "sqlite"):
            run_sqlite(args, results)
        if args.db in ("both", "postgres"):
            if pg_available():
                run_postgres(args, results)
            else:
                results["missing"]["postgres"] = f"PostgreSQL not reachable at {PG_BASE}"
                log(results["missing"]["postgres"])
    finally:
        results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
        if not args.no_report:
            path = report.write(results)
            log(f"report written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
