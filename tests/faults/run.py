"""`make faults`: the locust mix and the PostgreSQL stop/start test, against gunicorn on 127.0.0.1 only.

    .venv/bin/python -m tests.faults.run                      # both, on the machine's PostgreSQL cluster
    .venv/bin/python -m tests.faults.run restart --cluster private --submissions 500
    .venv/bin/python -m tests.faults.run mix --seconds 60 --users 8

`--cluster main` stops and restarts the machine's cluster, as issue 6 asks (everything else using
it sees the outage); `--cluster private` runs a throwaway cluster on port 5499 instead. Whatever
happens, PostgreSQL is started again before this exits. Results: var/faults/*.json.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from core.validators import make_national_id
from tests.perf.endpoints import letters, make_pdf, multipart
from tests.perf.loadgen import Call, send
from tests.perf.server import ROOT, VENV_BIN, Gunicorn

from .pg import Cluster

OUT = ROOT / "var" / "faults"
DB_NAME = os.environ.get("FAULTS_PG_DB", "desk_faults")
CONN_MAX_AGE = [0]  # set from --conn-max-age


def log(msg: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fresh_database(cluster: Cluster) -> dict[str, str]:
    import psycopg

    with psycopg.connect(f"{cluster.url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    private = OUT / "private"
    shutil.rmtree(private, ignore_errors=True)
    return {
        "DB_CONN_MAX_AGE": str(CONN_MAX_AGE[0]),
        "DATABASE_URL": f"{cluster.url}/{DB_NAME}",
        "BENCH_PRIVATE_ROOT": str(private),
        "DJANGO_SETTINGS_MODULE": "settings.bench",
    }


def prepare(env: dict[str, str], requests: int) -> dict:
    out = OUT / "plan.json"
    cmd = [sys.executable, "-m", "tests.perf.prepare", "--out", str(out), "--requests", str(requests)]
    subprocess.run(cmd, cwd=ROOT, env={**os.environ, **env}, check=True)
    plan = json.loads(out.read_text())
    for name, why in plan.get("missing", {}).items():
        log(f"  prepare: missing {name}: {why}")
    return plan


# --- the locust mix -----------------------------------------------------------------------
def run_mix(args, cluster: Cluster) -> dict:
    env = fresh_database(cluster)
    prepare(env, 300)
    prefix = OUT / "locust"
    with Gunicorn(env, workers=args.workers, log=OUT / "gunicorn-mix.log") as server:
        cmd = [
            str(VENV_BIN / "locust"),
            "-f",
            str(ROOT / "tests" / "faults" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{int(args.seconds)}s",
            "--host",
            f"http://127.0.0.1:{server.port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        log(f"locust: {args.users} users for {args.seconds}s")
        subprocess.run(cmd, cwd=ROOT, env={**os.environ, "DESK_PLAN": str(OUT / "plan.json")}, check=False)
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    by_name = {
        r["Name"]: {
            "requests": int(r["Request Count"]),
            "failures": int(r["Failure Count"]),
            "rps": round(float(r["Requests/s"]), 1),
            "p50_ms": float(r["50%"] or 0),
            "p95_ms": float(r["95%"] or 0),
        }
        for r in rows
    }
    total = by_name.get("Aggregated", {"requests": 0, "failures": 0, "rps": 0})
    result = {
        "seconds": args.seconds,
        "users": args.users,
        "throughput_rps": total["rps"],
        "requests": total["requests"],
        "failures": total["failures"],
        "error_rate": round(total["failures"] / total["requests"], 4) if total["requests"] else None,
        "by_name": by_name,
    }
    (OUT / "mix.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    log(f"mix: {total['requests']} requests, {total['rps']} req/s, {total['failures']} failures")
    return result


# --- PostgreSQL stopped and restarted in the middle of the submissions ----------------------
def submissions(plan: dict, count: int) -> list[tuple[Call, dict]]:
    spec = plan["submission"]
    out = []
    for i in range(count):
        nid = make_national_id(f"{500000000 + i * 37:09d}")
        files, hashes = {}, {}
        for key in spec["document_keys"]:
            data = make_pdf(100_000, f"fault-{i}-{key}-{time.time()}")
            files[key] = (f"{key}.pdf", "application/pdf", data)
            hashes[key] = hashlib.sha256(data).hexdigest()
        who = {"national_id": nid, "first_name": "خطا", "last_name": "آزمون" + letters(i), "mobile": f"0912002{i:04d}"}
        body, ctype = multipart({**spec["fields"], **who}, files)
        out.append((Call("POST", spec["path"], {"Content-Type": ctype}, body), {"national_id": nid, "hashes": hashes}))
    return out


def run_restart(args, cluster: Cluster) -> dict:
    env = fresh_database(cluster)
    plan = prepare(env, 0)
    work = submissions(plan, args.submissions)
    outcomes: list[dict] = [{} for _ in work]
    done = 0
    lock = threading.Lock()
    outage = {"stopped_at": None, "started_at": None}
    stop_after = int(args.submissions * 0.3)

    def submit(i: int) -> None:
        nonlocal done
        call, meta = work[i]
        sample, body = send(server.port, call, timeout=60)
        code = None
        if sample.status == 201:
            try:
                code = json.loads(body).get("tracking_code")
            except ValueError:
                code = None
        with lock:
            order = done
            done += 1
        outcomes[i] = {
            **meta,
            "status": sample.status,
            "tracking_code": code,
            "error": sample.error[:160],
            "order": order,
        }
        if sample.status != 201:
            time.sleep(args.backoff)  # a client backs off before trying the next one

    def outage_controller() -> None:
        deadline = time.monotonic() + 600  # each submission times out after 60 s, so this means they stalled
        while done < stop_after:
            if time.monotonic() > deadline:
                log(f"only {done} of {stop_after} submissions after 600 s: PostgreSQL was not stopped")
                return
            time.sleep(0.05)
        log(f"stopping PostgreSQL ({cluster.kind}) after {done} submissions")
        outage["stopped_at"] = done
        cluster.stop()
        time.sleep(args.downtime)
        cluster.start()
        outage["started_at"] = done
        log(f"PostgreSQL back after {args.downtime}s, {done} submissions done")

    try:
        with Gunicorn(env, workers=args.workers, log=OUT / "gunicorn-restart.log") as server:
            controller = threading.Thread(target=outage_controller, daemon=True)
            controller.start()
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(submit, range(len(work))))
            controller.join(timeout=120)
    finally:
        cluster.start()  # always: other work on this machine needs it
    (OUT / "outcomes.json").write_text(json.dumps(outcomes, ensure_ascii=False))
    verify = subprocess.run(
        [sys.executable, "-m", "tests.faults.verify", str(OUT / "outcomes.json")],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(verify.stderr[-3000:])
    result = json.loads(verify.stdout) if verify.returncode == 0 else {"verify_failed": verify.stderr[-500:]}
    result.update(
        {
            "submissions": len(work),
            "outage": outage,
            "cluster": cluster.kind,
            "downtime_s": args.downtime,
            "conn_max_age": args.conn_max_age,
            "acknowledged_after_restart": sum(
                1 for o in outcomes if o.get("status") == 201 and o["order"] >= (outage["started_at"] or 0)
            ),
        }
    )
    (OUT / "restart.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    log("restart: " + json.dumps({k: v for k, v in result.items() if k != "problems"}, ensure_ascii=False))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", choices=["all", "mix", "restart"], default="all")
    parser.add_argument("--cluster", choices=["main", "private"], default=os.environ.get("FAULTS_CLUSTER", "main"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--downtime", type=float, default=4.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--backoff", type=float, default=0.25, help="seconds a client waits after a failed submission")
    parser.add_argument(
        "--conn-max-age", type=int, default=0, help="DB_CONN_MAX_AGE for the served app (persistent connections)"
    )
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    CONN_MAX_AGE[0] = args.conn_max_age
    cluster = Cluster(args.cluster)
    ok = True
    try:
        cluster.ensure_running()
        if args.what in ("all", "mix"):
            mix = run_mix(args, cluster)
            ok &= mix["requests"] > 0
        if args.what in ("all", "restart"):
            restart = run_restart(args, cluster)
            ok &= not restart.get("problems") and "verify_failed" not in restart
    finally:
        cluster.start()
        if args.cluster == "private":
            cluster.discard()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
