"""The `make security` table: each security test reports its attempts, and the session prints,
per area, how many attempts were made, how many were refused and how many leaked.

    def test_x(security_tally):
        security_tally.attempt("authentication", refused=response.status_code == 403)
        security_tally.attempt("access", refused=..., leaked=...)

An attempt that is not refused is counted as a leak unless the test says `expected=True` (a
legitimate request in the same battery, counted under "allowed"). Tests still assert on their
own; the table is the evidence, not the verdict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Area:
    attempts: int = 0
    refused: int = 0
    allowed: int = 0
    leaks: int = 0


@dataclass
class Tally:
    areas: dict[str, Area] = field(default_factory=lambda: defaultdict(Area))

    def attempt(self, area: str, *, refused: bool, expected: bool = False, leaked: bool | None = None) -> None:
        row = self.areas[area]
        row.attempts += 1
        if refused:
            row.refused += 1
        elif expected:
            row.allowed += 1
        if leaked if leaked is not None else (not refused and not expected):
            row.leaks += 1

    def table(self) -> str:
        lines = ["| area | attempts | refused | allowed | leaks |", "|---|---|---|---|---|"]
        for name in sorted(self.areas):
            a = self.areas[name]
            lines.append(f"| {name} | {a.attempts} | {a.refused} | {a.allowed} | {a.leaks} |")
        return "\n".join(lines)


TALLY = Tally()
