"""The routing plan a request pins at submission, read as typed stages (never as raw dicts)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cms.enums import Role


@dataclass(frozen=True)
class Stage:
    """One stage of a pinned plan: who holds it, for how long, and what they may decide.

    Built from the JSON snapshot `cms` writes (`RoutingStage.snapshot()`); a key missing from
    an old snapshot reads as its neutral value, so requests pinned long ago keep working.
    """

    title: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    role: str = ""
    working_days: int = 0
    outcomes: tuple[str, ...] = ()

    @classmethod
    def from_snapshot(cls, data: Mapping) -> Stage:
        unit_id = data.get("unit_id")
        return cls(
            title=str(data.get("title") or ""),
            unit_id=int(unit_id) if unit_id is not None else None,
            unit_name=str(data.get("unit_name") or ""),
            role=str(data.get("role") or ""),
            working_days=int(data.get("working_days") or 0),
            outcomes=tuple(data.get("outcomes") or ()),
        )

    @property
    def deadline_days(self) -> int:
        """Working days the stage's officer has; a stage is never due the day it starts."""
        return self.working_days or 1

    @property
    def heads_only(self) -> bool:
        return self.role == Role.HEAD


def stages_of(snapshot: Iterable[Mapping] | None) -> list[Stage]:
    return [Stage.from_snapshot(item) for item in snapshot or ()]
