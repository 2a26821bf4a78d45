"""seed_cms builds the demo site once; running it again changes nothing.

The demo is seeded once for the module (conftest's seeded_cms): every test here only reads it,
and what one writes is rolled back to its savepoint before the next.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision, Site, WorkflowPage

from cms.demo import seed_cms
from cms.enums import Outcome, Role
from cms.models import HomePage, OrganizationalUnit, RequiredDocument, ServiceGuidePage, UnitMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(seeded_cms, db):
    return seeded_cms


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "units": OrganizationalUnit.objects.count(),
        "documents": RequiredDocument.objects.count(),
        "memberships": UnitMembership.objects.count(),
        "users": get_user_model().objects.count(),
        "guides": sorted(ServiceGuidePage.objects.values_list("service_code", "title", "latest_revision_id")),
    }


def test_running_twice_changes_nothing(summary):
    before = snapshot()
    again = seed_cms(password="demo-pass-1405")
    assert snapshot() == before
    assert again["guides created"] == 0


def test_home_page_is_the_default_site_root_and_welcome_page_is_gone(summary):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()


def test_demo_has_enough_content(summary):
    assert summary["categories"] >= 3
    assert summary["guides"] >= 12
    assert summary["units"] >= 6
    assert 12 <= summary["catalogue documents"] <= 20
    assert all(len(code) == 11 for code in ServiceGuidePage.objects.values_list("service_code", flat=True))


def test_every_guide_is_published_with_a_change_note_and_a_valid_plan(summary):
    for guide in ServiceGuidePage.objects.all():
        assert guide.live
        assert guide.change_history()[0]["note"]
        guide.validate_children()
        stages = guide.routing_snapshot()
        assert 1 <= len(stages) <= 4
        assert {Outcome.APPROVE, Outcome.REJECT} <= set(stages[-1]["outcomes"])


def test_units_form_a_tree_with_heads(summary):
    organisation = OrganizationalUnit.objects.get(parent=None)
    assert organisation.children.filter(kind="department").count() >= 3
    assert not OrganizationalUnit.objects.filter(head=None).exists()


def test_demo_users_have_their_roles(summary):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert users.get(username="editor").groups.filter(name="Editors").exists()
    assert users.get(username="reviewer").groups.filter(name="Moderators").exists()
    assert users.get(username="editor").check_password("demo-pass-1405")
    officer_units = {
        UnitMembership.objects.get(user__username=name, role=Role.OFFICER, unit__in=OrganizationalUnit.objects.filter(
            code__in=["permits", "building-control", "revenue"])).unit_id
        for name in ("officer1", "officer2", "officer3")
    }  # fmt: skip
    assert len(officer_units) == 3
    head1 = users.get(username="head1")
    officer1_unit = UnitMembership.objects.get(user__username="officer1").unit
    assert officer1_unit.head == head1
    clerk = UnitMembership.objects.get(user__username="clerk")
    assert clerk.role == Role.CLERK
    assert ServiceGuidePage.objects.filter(intake_unit=clerk.unit).count() == summary["guides"]


def test_moderation_workflow_is_assigned_to_the_home_page(summary):
    home = HomePage.objects.get()
    assert WorkflowPage.objects.get(page=home).workflow.active


def test_demo_guides_are_searchable_right_away(summary):
    from cms.search import search_guides

    assert "13051040200" in [g.service_code for g in search_guides("گواهينامه صلاحيت")]
