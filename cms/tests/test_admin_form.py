"""The guide editor in the Wagtail admin: translated errors, and nothing half-saved."""

import pytest
from wagtail.models import Revision

from cms.models import GuideDocument, ServiceGuidePage
from tests.factories import UnitFactory, UserFactory, draft_guide, publish_guide

from .admin_helpers import edit_form_data, form_errors, post_edit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are matched in English here; the Persian test switches back."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", superuser=True))
    return client


@pytest.fixture
def guide(category, unit):
    return publish_guide(category, draft_guide(unit=unit, documents=2, stages=2))


def revisions_of(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_edit_form_does_not_offer_the_published_change_note(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    assert data["change_note"] == ""


def test_publishing_without_a_change_note_is_refused(admin_client, guide):
    before = revisions_of(guide)
    data = edit_form_data(admin_client, guide)
    data["title"] = "عنوان تازه"
    response = post_edit(admin_client, guide, data, "action-publish")
    assert response.status_code == 200
    assert "Describe what changed" in form_errors(response)
    assert revisions_of(guide) == before
    assert ServiceGuidePage.objects.get(pk=guide.pk).title != "عنوان تازه"


def test_change_note_error_is_translated_into_persian(admin_client, guide, settings):
    settings.LANGUAGE_CODE = "fa"
    response = post_edit(admin_client, guide, edit_form_data(admin_client, guide), "action-publish")
    assert "تغییر" in form_errors(response)


def test_publishing_with_a_change_note_publishes_and_shows_in_history(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    data["title"] = "عنوان تازه"
    data["change_note"] = "عنوان روشن‌تر شد"
    response = post_edit(admin_client, guide, data, "action-publish")
    assert response.status_code == 302
    guide = ServiceGuidePage.objects.get(pk=guide.pk)
    assert guide.title == "عنوان تازه"
    assert guide.change_history()[0]["note"] == "عنوان روشن‌تر شد"


def test_saving_a_draft_needs_no_change_note(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    data["summary"] = "خلاصه پیش‌نویس"
    assert post_edit(admin_client, guide, data).status_code == 302
    guide = ServiceGuidePage.objects.get(pk=guide.pk)
    assert guide.get_latest_revision_as_object().summary == "خلاصه پیش‌نویس"
    assert guide.summary != "خلاصه پیش‌نویس"  # still a draft


def test_removing_every_document_of_an_online_guide_is_refused_and_nothing_saved(admin_client, guide):
    before = revisions_of(guide)
    data = edit_form_data(admin_client, guide)
    total = int(data["documents-TOTAL_FORMS"])
    for i in range(total):
        data[f"documents-{i}-DELETE"] = "1"
    data["change_note"] = "حذف مدارک"
    response = post_edit(admin_client, guide, data, "action-publish")
    assert response.status_code == 200
    assert "at least one required document" in form_errors(response)
    assert revisions_of(guide) == before
    assert GuideDocument.objects.filter(page=guide).count() == total


def test_non_final_stage_that_decides_is_refused(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    data["routing_stages-0-outcomes"] = '["approve"]'
    data["change_note"] = "تغییر مسیر"
    response = post_edit(admin_client, guide, data, "action-publish")
    assert response.status_code == 200
    assert "Only the final stage" in form_errors(response)


def test_removing_every_stage_is_refused(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    for i in range(int(data["routing_stages-TOTAL_FORMS"])):
        data[f"routing_stages-{i}-DELETE"] = "1"
    response = post_edit(admin_client, guide, data)
    assert response.status_code == 200
    assert "stage" in form_errors(response)


def test_stage_pointing_at_a_deleted_unit_is_refused(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    gone = UnitFactory()
    data["routing_stages-0-unit"] = str(gone.pk)
    gone.delete()
    response = post_edit(admin_client, guide, data)
    assert response.status_code == 200
    assert form_errors(response)


def test_stage_pointing_at_an_inactive_unit_is_refused(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    data["routing_stages-0-unit"] = str(UnitFactory(inactive=True).pk)
    response = post_edit(admin_client, guide, data)
    assert response.status_code == 200
    assert "inactive unit" in form_errors(response)


def test_duplicate_service_code_is_refused(admin_client, category, unit, guide):
    other = publish_guide(category, draft_guide(unit=unit))
    data = edit_form_data(admin_client, other)
    data["service_code"] = guide.service_code
    response = post_edit(admin_client, other, data)
    assert response.status_code == 200
    assert "service_code" in response.context["form"].errors


def test_negative_fee_is_refused(admin_client, guide):
    data = edit_form_data(admin_client, guide)
    data["fee_rials"] = "-5"
    response = post_edit(admin_client, guide, data)
    assert response.status_code == 200
    assert "fee_rials" in response.context["form"].errors
