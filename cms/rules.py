"""Rules over a guide's inline lists (documents and routing stages), shared by the model and the admin form.

They work on plain values so the admin form can check unsaved formset rows before anything is stored.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.enums import Outcome

DECIDING = frozenset({Outcome.APPROVE, Outcome.REJECT})


@dataclass(frozen=True)
class StagePlan:
    """What the rules need to know about one routing stage."""

    title: str
    outcomes: Sequence[str]
    has_unit: bool
    unit_active: bool = True


def document_errors(*, accepts_online: bool, document_count: int) -> list[str]:
    """An online service must say which documents to upload."""
    if accepts_online and document_count == 0:
        return [_("An online service must list at least one required document.")]
    return []


def routing_errors(stages: Sequence[StagePlan]) -> list[str]:
    """A plan needs stages, every stage a live unit, and only the last stage may decide."""
    if not stages:
        return [_("The routing plan needs at least one stage.")]
    errors: list[str] = []
    for number, stage in enumerate(stages, start=1):
        if not stage.has_unit:
            errors.append(
                _("Stage %(number)s (%(title)s) has no unit: its unit was deleted or never chosen.")
                % {"number": number, "title": stage.title}
            )
        elif not stage.unit_active:
            errors.append(
                _("Stage %(number)s (%(title)s) points at an inactive unit.") % {"number": number, "title": stage.title}
            )
    for number, stage in enumerate(stages[:-1], start=1):
        if DECIDING & set(stage.outcomes or []):
            errors.append(
                _("Only the final stage may approve or reject; stage %(number)s (%(title)s) decides.")
                % {"number": number, "title": stage.title}
            )
    if not DECIDING & set(stages[-1].outcomes or []):
        errors.append(_("The final stage must be able to approve or reject."))
    return errors
