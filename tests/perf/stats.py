"""Summaries of latency samples: percentiles, throughput and error counts."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of unsorted values; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Sample:
    """One request as seen by the client."""

    seconds: float
    status: int  # 0 = connection error / timeout
    queries: int | None = None
    locked: bool = False  # the body mentioned "database is locked"
    error: str = ""


@dataclass
class Summary:
    """What the report shows for one endpoint run."""

    name: str
    requests: int
    duration: float
    concurrency: int
    rps: float
    p50_ms: float
    p95_ms: float
    ok: int
    errors: int
    locked_errors: int
    queries_per_request: float | None
    statuses: dict[str, int] = field(default_factory=dict)
    first_errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def summarize(name: str, samples: list[Sample], duration: float, concurrency: int, ok_statuses=(200,)) -> Summary:
    """Turn raw samples into a Summary; throughput counts every completed request."""
    latencies = [s.seconds * 1000 for s in samples]
    queries = [s.queries for s in samples if s.queries is not None]
    statuses = Counter(str(s.status) for s in samples)
    ok = sum(1 for s in samples if s.status in ok_statuses)
    return Summary(
        name=name,
        requests=len(samples),
        duration=round(duration, 3),
        concurrency=concurrency,
        rps=round(len(samples) / duration, 1) if duration else 0.0,
        p50_ms=round(percentile(latencies, 50), 2),
        p95_ms=round(percentile(latencies, 95), 2),
        ok=ok,
        errors=len(samples) - ok,
        locked_errors=sum(1 for s in samples if s.locked),
        queries_per_request=round(sum(queries) / len(queries), 2) if queries else None,
        statuses=dict(statuses),
        first_errors=[s.error for s in samples if s.error][:5],
    )
