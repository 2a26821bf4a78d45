"""The pinned plan read as typed stages; snapshots pinned by older versions keep working."""

from cms.enums import Role
from workflows.models import ServiceRequest
from workflows.routing import Stage


def test_a_full_snapshot_reads_every_field():
    stage = Stage.from_snapshot(
        {
            "title": "بررسی",
            "unit_id": 7,
            "unit_name": "واحد",
            "role": Role.HEAD,
            "working_days": 3,
            "outcomes": ["approve"],
        }
    )
    assert stage == Stage("بررسی", 7, "واحد", Role.HEAD, 3, ("approve",))
    assert stage.heads_only and stage.deadline_days == 3


def test_missing_keys_read_as_neutral_values_and_a_stage_is_never_due_the_day_it_starts():
    stage = Stage.from_snapshot({"unit_id": "4"})
    assert (stage.title, stage.unit_id, stage.role, stage.working_days, stage.outcomes) == ("", 4, "", 0, ())
    assert stage.deadline_days == 1 and not stage.heads_only


def test_request_reads_its_current_stage_and_outcomes_from_the_snapshot():
    request = ServiceRequest(
        routing_snapshot=[
            {"title": "اول", "unit_id": 1, "outcomes": ["forward", "return", "approve"]},
            {"title": "دوم", "unit_id": 2, "outcomes": ["forward", "return", "approve"]},
        ],
        stage_index=0,
    )
    assert request.stage.title == "اول" and [s.unit_id for s in request.stages] == [1, 2]
    assert request.allowed_outcomes == ["forward", "approve"]  # no return from the first stage
    request.stage_index = 1
    assert request.allowed_outcomes == ["return", "approve"]  # no forward from the last
    request.stage_index = -1
    assert request.stage is None and request.allowed_outcomes == []
