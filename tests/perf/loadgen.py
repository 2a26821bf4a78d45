"""A small closed-loop HTTP load generator: C client processes, each sending one request at a time.

Processes, not threads, so the client is not serialised on the GIL; sync gunicorn workers close the
connection after each response, so every request opens a new loopback TCP connection (as a browser
behind a proxy would not, but the same for every endpoint, which is what the ratios need).
"""

from __future__ import annotations

import http.client
import multiprocessing
import time
from dataclasses import dataclass, field

from .stats import Sample, Summary, summarize

LOOPBACK = "127.0.0.1"


@dataclass
class Call:
    """One prepared HTTP request."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


def send(port: int, call: Call, timeout: float = 60.0) -> tuple[Sample, bytes]:
    """Send one request to 127.0.0.1:port and time it until the whole body is read."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
        conn.request(call.method, call.path, body=call.body, headers=call.headers)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
    except (OSError, http.client.HTTPException) as exc:
        return Sample(time.perf_counter() - started, 0, error=f"{type(exc).__name__}: {exc}"[:200]), b""
    elapsed = time.perf_counter() - started
    queries = resp.getheader("X-Query-Count")
    locked = b"database is locked" in body
    error = ""
    if resp.status >= 400:
        error = f"{resp.status} {call.method} {call.path}: {body[:200]!r}"
    return Sample(elapsed, resp.status, int(queries) if queries else None, locked, error), body


def _worker(args) -> list[Sample]:
    port, calls, offset, deadline, max_requests = args
    samples: list[Sample] = []
    i = offset
    while time.time() < deadline and (max_requests is None or len(samples) < max_requests):
        sample, _ = send(port, calls[i % len(calls)])
        samples.append(sample)
        i += 1
    return samples


def warm(port: int, calls: list[Call], count: int = 3) -> None:
    for call in calls[:count] or calls:
        send(port, call)


def collect(
    port: int, calls: list[Call], *, concurrency: int, seconds: float, max_requests_per_client: int | None = None
) -> tuple[list[Sample], float]:
    """`concurrency` client processes send calls for `seconds`; returns every sample and the wall time."""
    ctx = multiprocessing.get_context("fork")
    started = time.time()
    deadline = started + seconds
    step = max(1, len(calls) // concurrency)
    jobs = [(port, calls, k * step, deadline, max_requests_per_client) for k in range(concurrency)]
    with ctx.Pool(concurrency) as pool:
        results = pool.map(_worker, jobs)
    return [s for chunk in results for s in chunk], time.time() - started


def run_load(
    name: str,
    port: int,
    calls: list[Call],
    *,
    concurrency: int = 4,
    seconds: float = 5.0,
    warmup: int = 3,
    max_requests_per_client: int | None = None,
    ok_statuses=(200,),
) -> Summary:
    """Warm up, then hammer the endpoint for `seconds` with `concurrency` client processes."""
    warm(port, calls, warmup)
    samples, duration = collect(
        port, calls, concurrency=concurrency, seconds=seconds, max_requests_per_client=max_requests_per_client
    )
    return summarize(name, samples, duration, concurrency, ok_statuses)


def run_paired(
    name: str,
    port: int,
    calls: list[Call],
    baseline: list[Call],
    *,
    concurrency: int = 4,
    seconds: float = 5.0,
    rounds: int = 3,
    ok_statuses=(200,),
    baseline_port: int | None = None,
) -> tuple[Summary, Summary]:
    """Alternate slices of the endpoint and of the baseline, so both see the same machine load.

    On a shared 2-core machine the background load drifts; interleaving keeps the ratio honest.
    The baseline may live on another server (`baseline_port`), e.g. the same page on a smaller database.
    """
    other = baseline_port or port
    warm(port, calls)
    warm(other, baseline)
    mine, base = ([], 0.0), ([], 0.0)
    for _ in range(rounds):
        s, d = collect(other, baseline, concurrency=concurrency, seconds=seconds / rounds)
        base = (base[0] + s, base[1] + d)
        s, d = collect(port, calls, concurrency=concurrency, seconds=seconds / rounds)
        mine = (mine[0] + s, mine[1] + d)
    return (
        summarize(name, mine[0], mine[1], concurrency, ok_statuses),
        summarize(name + " (paired baseline)", base[0], base[1], concurrency, ok_statuses),
    )
