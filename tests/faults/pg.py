"""Stopping and starting PostgreSQL for the fault test.

"main" is the machine's cluster (the issue's `pg_ctlcluster … main stop|start`): every other
PostgreSQL user on the machine sees the outage too. "private" is a throwaway cluster initdb'd
under /tmp and run on its own port, so the outage hits only the app under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

PRIVATE_DIR = Path(os.environ.get("FAULTS_PG_DIR") or Path(tempfile.gettempdir()) / "desk-faults-pg")
PRIVATE_PORT = int(os.environ.get("FAULTS_PG_PORT", "5499"))


def _version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def _bin(name: str) -> str:
    return f"/usr/lib/postgresql/{_version()}/bin/{name}"


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    def __init__(self, kind: str):
        self.kind = kind

    @property
    def url(self) -> str:
        if self.kind == "private":
            return f"postgres://postgres@127.0.0.1:{PRIVATE_PORT}"
        return os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")

    def ensure_running(self) -> None:
        if self.kind == "private" and not (PRIVATE_DIR / "PG_VERSION").exists():
            if PRIVATE_DIR.exists():
                shutil.rmtree(PRIVATE_DIR)
            PRIVATE_DIR.mkdir(parents=True)
            shutil.chown(PRIVATE_DIR, "postgres", "postgres")
            subprocess.run(
                _as_postgres([_bin("initdb"), "-D", str(PRIVATE_DIR), "-A", "trust", "-U", "postgres"]),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self.start()

    def is_up(self) -> bool:
        import psycopg

        try:
            psycopg.connect(f"{self.url}/postgres", connect_timeout=2).close()
            return True
        except Exception:
            return False

    def stop(self) -> None:
        if self.kind == "private":
            cmd = _as_postgres([_bin("pg_ctl"), "-D", str(PRIVATE_DIR), "-m", "fast", "-w", "stop"])
        else:
            cmd = ["pg_ctlcluster", "--skip-systemctl-redirect", _version(), "main", "stop"]
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self) -> None:
        if self.is_up():
            return
        if self.kind == "private":
            opts = f"-p {PRIVATE_PORT} -k /tmp -c listen_addresses=127.0.0.1"
            log = PRIVATE_DIR.parent / "desk-faults-pg.log"
            cmd = _as_postgres([_bin("pg_ctl"), "-D", str(PRIVATE_DIR), "-o", opts, "-l", str(log), "-w", "start"])
        else:
            cmd = ["pg_ctlcluster", "--skip-systemctl-redirect", _version(), "main", "start"]
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while not self.is_up():
            if time.time() > deadline:
                raise RuntimeError(f"PostgreSQL ({self.kind}) did not come back")
            time.sleep(0.5)

    def discard(self) -> None:
        """Stop the private cluster (the main one is never touched here)."""
        if self.kind == "private":
            self.stop()
