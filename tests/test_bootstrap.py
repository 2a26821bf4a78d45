"""manage.py bootstrap loads fixtures/reference/ into a migrated database, creating only what is missing."""

import importlib
import io
import re

import pytest
import yaml
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Revision, Site, WorkflowPage

from cms.models import HomePage
from core import fixtures
from core.models import Holiday
from core.persian import to_ascii_digits
from notifications.defaults import DEFAULT_TEMPLATES
from notifications.models import MessageTemplate

pytestmark = pytest.mark.django_db

holiday_migration = importlib.import_module("core.migrations.0002_seed_fixed_holidays")


def bootstrap() -> str:
    out = io.StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "groups": {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()},
        "page permissions": sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission_id")),
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id", "is_default_site")),
        "workflows": list(WorkflowPage.objects.values_list("page_id", "workflow__name", "workflow__active")),
        "holidays": list(Holiday.objects.values_list("date", "title")),
        "templates": list(MessageTemplate.objects.values_list("event", "channel", "subject", "body", "is_active")),
    }


def test_bootstrap_gives_a_migrated_database_its_groups_site_and_workflow():
    bootstrap()
    clerks = Group.objects.get(name="Clerks")
    assert clerks.permissions.filter(content_type__app_label="workflows", codename="register_request").exists()
    assert set(Group.objects.get(name="Managers").permissions.values_list("codename", flat=True)) == {
        "view_all_requests",
        "cancel_request",
    }
    home = HomePage.objects.get()
    assert home.live and home.latest_revision_id is not None
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    workflow = WorkflowPage.objects.get(page=home).workflow
    assert workflow.active
    assert [group.name for group in workflow.tasks.get().specific.groups.all()] == ["Moderators"]
    assert GroupPagePermission.objects.filter(
        group__name="Moderators", page=home, permission__codename="publish_page"
    ).exists()
    assert not GroupPagePermission.objects.filter(
        group__name="Editors", page=home, permission__codename="publish_page"
    ).exists()


def test_bootstrap_creates_every_default_message_template_and_fixed_holiday():
    MessageTemplate.objects.all().delete()
    Holiday.objects.all().delete()
    output = bootstrap()
    assert MessageTemplate.objects.count() == len(DEFAULT_TEMPLATES)
    assert Holiday.objects.count() == 30
    assert f"message templates created: {len(DEFAULT_TEMPLATES)}" in output
    assert "holidays created: 30" in output


def test_running_bootstrap_twice_changes_nothing():
    bootstrap()
    before = snapshot()
    output = bootstrap()
    assert snapshot() == before
    assert "holidays created: 0" in output
    assert "message templates created: 0" in output
    assert "home page created: 0" in output


def test_bootstrap_keeps_an_editors_message_template():
    template = MessageTemplate.objects.get(event="registered", channel="sms")
    template.body = "ثبت شد: {tracking_code}"
    template.is_active = False
    template.save()
    bootstrap()
    template.refresh_from_db()
    assert (template.body, template.is_active) == ("ثبت شد: {tracking_code}", False)


def test_bootstrap_keeps_an_editors_holiday_title():
    nowruz = Holiday.objects.order_by("date").first()
    nowruz.title = "Nowruz"
    nowruz.save()
    bootstrap()
    nowruz.refresh_from_db()
    assert nowruz.title == "Nowruz"


def test_bootstrap_adds_missing_permissions_and_keeps_ones_an_administrator_granted():
    bootstrap()
    clerks = Group.objects.get(name="Clerks")
    clerks.permissions.clear()
    extra = Permission.objects.get(content_type__app_label="workflows", codename="view_all_requests")
    clerks.permissions.add(extra)
    bootstrap()
    assert set(clerks.permissions.values_list("codename", flat=True)) == {"register_request", "view_all_requests"}


def test_bootstrap_keeps_a_default_site_that_already_shows_the_home_page():
    bootstrap()
    Site.objects.filter(is_default_site=True).update(hostname="desk.example.ir", port=443, site_name="میز")
    bootstrap()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("desk.example.ir", 443, "میز")


def test_message_template_fixture_is_the_built_in_defaults():
    """The outbox falls back on notifications.defaults; the rows bootstrap creates must say the same."""
    rows = fixtures.read("reference/message_templates.yaml")["rows"]
    as_defaults = {
        (row["event"], row["channel"]): (row.get("subject", ""), row["body"], row.get("informational", False))
        for row in rows
    }
    assert len(rows) == len(as_defaults)
    assert as_defaults == {(str(e), str(c)): texts for (e, c), texts in DEFAULT_TEMPLATES.items()}


def test_holiday_fixture_holds_the_days_migration_0002_seeded():
    spec = fixtures.read("reference/holidays.yaml")
    assert tuple(spec["years"]) == holiday_migration.YEARS
    assert [(d["month"], d["day"], d["title"]) for d in spec["days"]] == holiday_migration.FIXED_HOLIDAYS


def test_demo_fixtures_hold_no_national_id_or_mobile_number():
    """Demo data is invented: nothing shaped like a national ID (10 digits) or a mobile, in any digits."""
    for path in sorted((fixtures.FIXTURES_DIR / "demo").glob("*.yaml")):
        text = to_ascii_digits(path.read_text(encoding="utf-8"))
        assert yaml.safe_load(text), path.name
        assert not re.findall(r"(?<!\d)\d{10}(?!\d)", text), path.name
        assert not re.findall(r"(?:\+98|0098|(?<!\d)0)9\d{9}(?!\d)", text), path.name
