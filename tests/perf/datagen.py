"""Grow the request tables to N rows fast, by cloning real requests inside the database.

Why clone: the templates are requests that went through workflows.services (demo data or
submissions made by the bench), so every clone has exactly the rows the product writes
(applicant, request, Viewflow process + tasks + task links, timeline, document metadata) in a
consistent state, without re-implementing the flow.

How: Python only decides, per new request, which template it copies, its new ids, tracking code
(sequential, valid check digit), applicant (synthetic national ID) and how far back in time it
goes; those plan rows go into temporary tables (COPY on PostgreSQL, executemany on SQLite) and
each product table is filled with one ``INSERT … SELECT`` joining the template rows to the plan.

What the dataset looks like: the first OPEN_WINDOW requests copy the templates' mix of states
(open work in every queue, recent dates); every request beyond that is *history* (approved,
rejected, withdrawn or closed, up to three years old). So the 1k and the 1M databases hold the
same open work and differ only in history, which is what "does the inbox stay fast as the
archive grows" asks. Documents are metadata only: clones point at their template's stored file.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from django.db import connection, transaction
from django.utils import timezone

OPEN_WINDOW = 1000
BATCH = 20_000
# Generated codes: "000000" + 7-digit sequence + check digit. A random (CSPRNG) code starts
# with six zeros once in a million, so real requests are never mistaken for generated ones.
CODE_PREFIX = "000000"


class Progress:
    """A one-line progress bar on stderr (no dependency)."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.started, self.done = max(total, 1), label, time.time(), 0

    def update(self, n: int) -> None:
        self.done += n
        frac = min(1.0, self.done / self.total)
        rate = self.done / max(time.time() - self.started, 1e-6)
        eta = (self.total - self.done) / rate if rate else 0
        bar = "#" * int(frac * 30)
        sys.stderr.write(f"\r{self.label} [{bar:<30}] {self.done:,}/{self.total:,} {rate:,.0f}/s eta {eta:,.0f}s ")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _tracking_code(seq: int) -> str:
    from workflows.tracking import verhoeff_check_digit

    body = f"{CODE_PREFIX}{seq:07d}"
    return body + verhoeff_check_digit(body)


def _national_id(seq: int) -> str:
    from core.validators import make_national_id

    return make_national_id(f"{(seq * 7919 + 100000000) % 1000000000:09d}")


def _shift_expr(field, col: str) -> str:
    """SQL moving template column `col` back by plan.delta seconds (dates by whole days)."""
    from django.db import models

    if isinstance(field, models.DateTimeField):
        if connection.vendor == "postgresql":
            return f"{col} + p.delta * interval '1 second'"
        return f"strftime('%Y-%m-%d %H:%M:%f', {col}, p.delta || ' seconds')"
    if isinstance(field, models.DateField):
        if connection.vendor == "postgresql":
            return f"{col} + CAST(p.delta / 86400 AS integer)"
        return f"date({col}, (p.delta / 86400) || ' days')"
    return col


def _copy_select(model, plan_table: str, join_col: str, overrides: dict[str, str], *, keep_pk: bool) -> str:
    """INSERT INTO model's table SELECT template columns (shifted / overridden) joined to the plan."""
    cols, exprs = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and not keep_pk:
            continue
        cols.append(_q(field.column))
        exprs.append(overrides.get(field.column) or _shift_expr(field, f"t.{_q(field.column)}"))
    table = _q(model._meta.db_table)
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "  # noqa: S608  (names from model meta)
        f"FROM {table} t JOIN {plan_table} p ON t.{_q(join_col)} = p.tpl_id"
    )


def _write(table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        raw = connection.connection.cursor()
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_q(model._meta.db_table)}")  # noqa: S608
        return cursor.fetchone()[0] + 1


def _templates():
    from viewflow.workflow.models import Task

    from workflows.enums import OPEN_STATUSES
    from workflows.models import ServiceRequest

    base = list(
        ServiceRequest.objects.exclude(tracking_code__startswith=CODE_PREFIX)
        .order_by("pk")
        .prefetch_related("processes")
        .only("pk", "status", "submitted_at")
    )
    if not base:
        raise RuntimeError("no template requests: seed demo requests or submit some first")
    history = [r for r in base if r.status not in OPEN_STATUSES] or base
    procs = {r.pk: [p.pk for p in r.processes.all()] for r in base}
    tasks = {}
    for pid, tid in Task.objects.filter(process_id__in=[p for ps in procs.values() for p in ps]).values_list(
        "process_id", "pk"
    ):
        tasks.setdefault(pid, []).append(tid)
    return base, history, procs, tasks


def _plan_tables() -> None:
    temp = "TEMPORARY"
    with connection.cursor() as cursor:
        for name, cols in (
            ("bench_plan_req", "tpl_id bigint, new_id bigint, applicant_id bigint, code varchar(14), delta bigint"),
            ("bench_plan_proc", "tpl_id bigint, new_id bigint, request_id bigint, delta bigint"),
            ("bench_plan_task", "tpl_id bigint, new_id bigint, process_id bigint, delta bigint"),
        ):
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            cursor.execute(f"CREATE {temp} TABLE {name} ({cols})")


def grow(target: int, *, seed: int = 1405) -> int:
    """Add cloned requests until there are at least `target`; returns how many were added."""
    from viewflow.workflow.models import Process, Task

    from workflows.models import Applicant, RequestDocument, RequestProcess, ServiceRequest, TimelineEntry
    from workflows.models import national_id_digest as digest

    existing = ServiceRequest.objects.count()
    todo = target - existing
    if todo <= 0:
        return 0
    base, history, procs, tasks = _templates()
    rng = random.Random(seed + existing)  # noqa: S311  (synthetic data)
    seq = ServiceRequest.objects.filter(tracking_code__startswith=CODE_PREFIX).count()
    now = timezone.now()
    links = Task.previous.through
    bar = Progress(todo, f"requests ({connection.vendor})")
    done = 0
    while done < todo:
        n = min(BATCH, todo - done)
        with transaction.atomic():
            _plan_tables()
            ids = {m: _next_id(m) for m in (Applicant, ServiceRequest, Process, Task)}
            applicants, plan_req, plan_proc, plan_task = [], [], [], []
            for i in range(n):
                position, s = existing + done + i, seq + done + i
                pool = base if position < OPEN_WINDOW else history
                template = pool[rng.randrange(len(pool))]
                days_back = rng.uniform(0, 20) if position < OPEN_WINDOW else rng.uniform(30, 3 * 365)
                delta = int(((now - dt.timedelta(days=days_back)) - template.submitted_at).total_seconds())
                nid = _national_id(s)
                app_id, req_id = ids[Applicant] + i, ids[ServiceRequest] + i
                applicants.append((app_id, nid, digest(nid), "شهروند", "آزمایشی", f"0912{s % 10_000_000:07d}", "", now))
                plan_req.append((template.pk, req_id, app_id, _tracking_code(s), delta))
                for tpl_proc in procs[template.pk]:
                    proc_id = ids[Process] + len(plan_proc)
                    plan_proc.append((tpl_proc, proc_id, req_id, delta))
                    for tpl_task in tasks.get(tpl_proc, []):
                        plan_task.append((tpl_task, ids[Task] + len(plan_task), proc_id, delta))
            a = Applicant._meta
            _write(
                _q(a.db_table),
                [_q(a.get_field(f).column) for f in ("id", "national_id", "national_id_hash", "first_name")]
                + [_q(a.get_field(f).column) for f in ("last_name", "mobile", "email", "created_at")],
                applicants,
            )
            _write("bench_plan_req", ["tpl_id", "new_id", "applicant_id", "code", "delta"], plan_req)
            _write("bench_plan_proc", ["tpl_id", "new_id", "request_id", "delta"], plan_proc)
            _write("bench_plan_task", ["tpl_id", "new_id", "process_id", "delta"], plan_task)
            with connection.cursor() as cursor:
                cursor.execute(
                    _copy_select(
                        ServiceRequest,
                        "bench_plan_req",
                        "id",
                        {"id": "p.new_id", "applicant_id": "p.applicant_id", "tracking_code": "p.code"},
                        keep_pk=True,
                    )
                )
                cursor.execute(
                    _copy_select(
                        TimelineEntry, "bench_plan_req", "request_id", {"request_id": "p.new_id"}, keep_pk=False
                    )
                )
                cursor.execute(
                    _copy_select(
                        RequestDocument, "bench_plan_req", "request_id", {"request_id": "p.new_id"}, keep_pk=False
                    )
                )
                cursor.execute(_copy_select(Process, "bench_plan_proc", "id", {"id": "p.new_id"}, keep_pk=True))
                child = RequestProcess._meta
                cursor.execute(
                    f"INSERT INTO {_q(child.db_table)} ({_q(child.pk.column)}, {_q('request_id')}) "  # noqa: S608
                    "SELECT new_id, request_id FROM bench_plan_proc"
                )
                cursor.execute(
                    _copy_select(
                        Task, "bench_plan_task", "id", {"id": "p.new_id", "process_id": "p.process_id"}, keep_pk=True
                    )
                )
                lt = _q(links._meta.db_table)
                cursor.execute(
                    f"INSERT INTO {lt} (from_task_id, to_task_id) SELECT pf.new_id, pt.new_id FROM {lt} l "  # noqa: S608
                    "JOIN bench_plan_task pf ON l.from_task_id = pf.tpl_id "
                    "JOIN bench_plan_task pt ON l.to_task_id = pt.tpl_id AND pt.process_id = pf.process_id"
                )
        done += n
        bar.update(n)
    bar.close()
    _finish()
    return done


def _finish() -> None:
    """Sequences after explicit ids (PostgreSQL), fresh planner statistics."""
    from viewflow.workflow.models import Process, Task

    from workflows.models import Applicant, RequestDocument, ServiceRequest, TimelineEntry

    models = (Applicant, ServiceRequest, Process, Task, TimelineEntry, RequestDocument)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in models:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {_q(table)}))"  # noqa: S608
                )
                cursor.execute(f"ANALYZE {_q(table)}")
        else:
            cursor.execute("ANALYZE")
