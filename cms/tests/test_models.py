import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.enums import Channel, Outcome, Requirement
from cms.models import GuideDocument, RoutingStage
from tests.factories import RequiredDocumentFactory, UnitFactory, draft_guide, publish_guide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; one test checks the Persian."""
    with translation.override("en"):
        yield


def error_text(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def test_negative_fee_is_rejected(unit):
    guide = draft_guide(unit=unit, fee_rials=-1)
    with pytest.raises(ValidationError) as excinfo:
        guide.clean()
    assert "fee_rials" in excinfo.value.message_dict


def test_negative_day_count_is_rejected(unit):
    guide = draft_guide(unit=unit, expected_days=-2)
    with pytest.raises(ValidationError) as excinfo:
        guide.clean()
    assert "expected_days" in excinfo.value.message_dict


def test_duplicate_service_code_is_rejected(category, unit):
    publish_guide(category, draft_guide(unit=unit, service_code="12345678901"))
    duplicate = draft_guide(unit=unit, service_code="12345678901")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.clean()
    assert "service_code" in excinfo.value.message_dict


def test_service_code_must_have_eleven_digits(unit):
    guide = draft_guide(unit=unit, service_code="123")
    with pytest.raises(ValidationError) as excinfo:
        guide.clean_fields(exclude=["path", "depth", "slug", "title", "content_type", "url_path", "draft_title"])
    assert "service_code" in excinfo.value.message_dict


def test_online_service_without_documents_is_rejected(unit):
    guide = draft_guide(unit=unit, documents=0, channels=Channel.ONLINE)
    with pytest.raises(ValidationError) as excinfo:
        guide.validate_children()
    assert "document" in error_text(excinfo)


def test_in_person_service_may_list_no_documents(unit):
    draft_guide(unit=unit, documents=0, channels=Channel.IN_PERSON).validate_children()


def test_plan_without_stages_is_rejected(unit):
    guide = draft_guide(unit=unit, stages=0)
    with pytest.raises(ValidationError) as excinfo:
        guide.validate_children()
    assert "at least one stage" in error_text(excinfo)


def test_non_final_stage_that_decides_is_rejected(unit):
    guide = draft_guide(unit=unit, stage_outcomes=[[Outcome.APPROVE], [Outcome.APPROVE]])
    with pytest.raises(ValidationError) as excinfo:
        guide.validate_children()
    assert "Only the final stage" in error_text(excinfo)


def test_plan_errors_are_translated_into_persian(unit):
    guide = draft_guide(unit=unit, stage_outcomes=[[Outcome.APPROVE], [Outcome.APPROVE]])
    with translation.override("fa"), pytest.raises(ValidationError) as excinfo:
        guide.validate_children()
    assert "تنها مرحله پایانی" in error_text(excinfo)


def test_final_stage_must_decide(unit):
    guide = draft_guide(unit=unit, stage_outcomes=[[Outcome.DOCUMENTS]])
    with pytest.raises(ValidationError) as excinfo:
        guide.validate_children()
    assert "final stage must be able" in error_text(excinfo)


def test_stage_whose_unit_was_deleted_is_rejected(category, unit):
    other = UnitFactory()
    guide = publish_guide(category, draft_guide(unit=unit, stages=1, stage_units=[other]))
    other.delete()  # SET_NULL on the stage
    guide.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        guide.validate_children()
    assert "has no unit" in error_text(excinfo)


def test_stage_pointing_at_missing_unit_id_has_no_current_unit(unit):
    stage = RoutingStage(title="مرحله", unit_id=999_999, outcomes=[Outcome.APPROVE])
    assert stage.current_unit() is None
    with pytest.raises(ValidationError):
        stage.clean()


def test_conditional_document_needs_a_condition():
    item = GuideDocument(document=RequiredDocumentFactory(), requirement=Requirement.CONDITIONAL, condition="")
    with pytest.raises(ValidationError) as excinfo:
        item.clean()
    assert "condition" in excinfo.value.message_dict


def test_routing_snapshot_lists_each_stage_with_its_unit(unit):
    guide = draft_guide(unit=unit, stages=2)
    snapshot = guide.routing_snapshot()
    assert [s["title"] for s in snapshot] == ["مرحله 1", "مرحله 2"]
    assert snapshot[1] == {
        "title": "مرحله 2",
        "unit_id": unit.pk,
        "unit_name": unit.name,
        "role": "officer",
        "working_days": 3,
        "outcomes": ["approve", "reject"],
    }


def test_change_history_lists_each_publication_with_its_note(category, unit):
    guide = publish_guide(category, draft_guide(unit=unit))
    guide.change_note = "هزینه به‌روز شد"
    guide.save_revision(log_action=True).publish()
    notes = [entry["note"] for entry in guide.change_history()]
    assert notes == ["هزینه به‌روز شد", "نسخه نخست"]


def test_search_text_holds_normalised_title_and_document_names(unit):
    guide = draft_guide(unit=unit, title="صدور گواهي‌نامه")
    text = guide.build_search_text()
    assert "گواهینامه" in text
    assert "گواهی نامه" in text
    assert guide.documents.all()[0].document.name in text
