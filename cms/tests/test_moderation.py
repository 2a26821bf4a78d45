"""The demo's moderation workflow: an editor cannot publish directly; a reviewer approves, then it is live."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.models import ServiceGuidePage

from .admin_helpers import edit_form_data, post_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_cms, db):
    return ServiceGuidePage.objects.get(service_code="13051010200")


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_editor_cannot_publish_directly(client, demo):
    editor = login(client, "editor")
    data = edit_form_data(editor, demo)
    data["title"] = "تمدید پروانه ساختمانی (نسخه تازه)"
    data["change_note"] = "عنوان تغییر کرد"
    post_edit(editor, demo, data, "action-publish")
    live = ServiceGuidePage.objects.get(pk=demo.pk)
    assert live.title == "تمدید پروانه ساختمانی"
    assert live.has_unpublished_changes


def test_editor_submission_waits_for_a_moderator(client, demo):
    editor = login(client, "editor")
    data = edit_form_data(editor, demo)
    data["title"] = "تمدید پروانه ساختمانی (نسخه تازه)"
    data["change_note"] = "عنوان تغییر کرد"
    assert post_edit(editor, demo, data, "action-submit").status_code == 302
    page = ServiceGuidePage.objects.get(pk=demo.pk)
    assert page.workflow_in_progress
    assert page.title == "تمدید پروانه ساختمانی"


def test_reviewer_approval_publishes_the_submitted_version(client, demo):
    editor = login(client, "editor")
    data = edit_form_data(editor, demo)
    data["title"] = "تمدید پروانه ساختمانی (نسخه تازه)"
    data["change_note"] = "عنوان تغییر کرد"
    post_edit(editor, demo, data, "action-submit")
    task_state = ServiceGuidePage.objects.get(pk=demo.pk).current_workflow_task_state
    client.logout()
    reviewer = login(client, "reviewer")
    url = reverse("wagtailadmin_pages:workflow_action", args=[demo.pk, "approve", task_state.pk])
    response = reviewer.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    page = ServiceGuidePage.objects.get(pk=demo.pk)
    assert page.title == "تمدید پروانه ساختمانی (نسخه تازه)"
    assert not page.workflow_in_progress
    assert page.change_history()[0]["note"] == "عنوان تغییر کرد"


def test_editor_cannot_approve_their_own_submission(client, demo):
    editor = login(client, "editor")
    data = edit_form_data(editor, demo)
    data["change_note"] = "ویرایش"
    post_edit(editor, demo, data, "action-submit")
    task_state = ServiceGuidePage.objects.get(pk=demo.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[demo.pk, "approve", task_state.pk])
    editor.post(url, {"comment": ""})
    assert ServiceGuidePage.objects.get(pk=demo.pk).workflow_in_progress
