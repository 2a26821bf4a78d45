"""The reference data every install needs (fixtures/reference/), as ``manage.py bootstrap`` loads it.

Staff groups, fixed holidays and default message templates are plain rows, created through
core.fixtures by model label (so cms imports neither workflows nor notifications). The home
page, the default site, the moderation workflow and page permissions need Wagtail's page tree,
so they are built here. Everything is created only where missing: a second run changes nothing,
and an editor's later change to a template, holiday or page is kept.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Site, Workflow, WorkflowPage, WorkflowTask

from cms.models import HomePage
from core import fixtures


def ensure_home(spec: dict) -> HomePage:
    """The home page, published, as the default site's root; Wagtail's welcome page goes."""
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(live=False, **spec["home"]))
        home.save_revision(log_action=True).publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(root_page=home, is_default_site=True, **spec["site"])
    elif site.root_page.specific_class is Page:  # Wagtail's welcome page (or the tree's root): ours instead
        site.root_page = home
        site.save()
    for welcome in Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)):
        welcome.delete()
    return home


def ensure_moderation(spec: dict, home: HomePage) -> None:
    """The approval workflow on the home page, and each group's page permissions there."""
    name = spec["moderation"]["workflow"]
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([Group.objects.get(name=group) for group in spec["moderation"]["approvers"]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    for group_name, codenames in spec["page_permissions"].items():
        group = Group.objects.get(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


@transaction.atomic
def bootstrap() -> dict[str, int | str]:
    """Create whatever reference data is missing; return what exists and what this run created."""
    groups = fixtures.ensure_groups(fixtures.read("reference/groups.yaml"))
    holidays = fixtures.ensure_holidays(fixtures.read("reference/holidays.yaml"))
    templates = fixtures.ensure_rows(fixtures.read("reference/message_templates.yaml"))
    site = fixtures.read("reference/site.yaml")
    had_home = HomePage.objects.exists()
    home = ensure_home(site)
    ensure_moderation(site, home)
    return {
        "groups": ", ".join(groups),
        "holidays created": holidays,
        "message templates created": templates,
        "home page created": int(not had_home),
    }
