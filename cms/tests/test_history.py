"""Snippet history with django-reversion, through the Wagtail admin views, logged in as an editor."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from reversion.models import Version

from cms.models import OrganizationalUnit, RequiredDocument
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNIT_ADD = "/cms-admin/snippets/cms/organizationalunit/add/"


@pytest.fixture
def editor(db):
    group = Group.objects.create(name="Snippet editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="cms",
            codename__in=["add_organizationalunit", "change_organizationalunit", "view_organizationalunit",
                          "add_requireddocument", "change_requireddocument", "view_requireddocument"],
        ),
    )  # fmt: skip
    user = UserFactory(username="editor")
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def unit_form(**overrides) -> dict:
    data = {
        "name": "اداره صدور پروانه",
        "code": "permits",
        "kind": "unit",
        "parent": "",
        "head": "",
        "phone": "021-11110110",
        "email": "permits@example.org",
        "address": "طبقه دوم",
        "working_hours": "۸ تا ۱۴",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def edited_unit(editor_client):
    """A unit created and then renamed in the admin: two versions."""
    editor_client.post(UNIT_ADD, unit_form())
    unit = OrganizationalUnit.objects.get(code="permits")
    edit_url = f"/cms-admin/snippets/cms/organizationalunit/edit/{unit.pk}/"
    editor_client.post(edit_url, unit_form(name="اداره پروانه و پایان‌کار", phone="021-22220000"))
    unit.refresh_from_db()
    return unit


def test_creating_a_snippet_in_the_admin_records_a_version(editor_client, editor):
    response = editor_client.post(UNIT_ADD, unit_form())
    assert response.status_code == 302
    unit = OrganizationalUnit.objects.get(code="permits")
    versions = Version.objects.get_for_object(unit)
    assert versions.count() == 1
    assert versions[0].revision.user == editor


def test_editing_a_snippet_in_the_admin_records_another_version(edited_unit):
    assert edited_unit.name == "اداره پروانه و پایان‌کار"
    assert Version.objects.get_for_object(edited_unit).count() == 2


def test_catalogue_document_edits_are_versioned(editor_client):
    editor_client.post(
        "/cms-admin/snippets/cms/requireddocument/add/", {"key": "national-card", "name": "کارت ملی", "description": ""}
    )
    document = RequiredDocument.objects.get(key="national-card")
    assert Version.objects.get_for_object(document).count() == 1


def test_history_view_lists_every_version(editor_client, edited_unit):
    response = editor_client.get(reverse("cms_history", args=["organizationalunit", edited_unit.pk]))
    assert response.status_code == 200
    assert len(response.context["versions"]) == 2
    assert reverse("cms_history_compare", args=["organizationalunit", edited_unit.pk]) in response.content.decode()


def test_listing_offers_a_history_button(editor_client, edited_unit):
    response = editor_client.get("/cms-admin/snippets/cms/organizationalunit/")
    assert reverse("cms_history", args=["organizationalunit", edited_unit.pk]) in response.content.decode()


def test_compare_view_shows_only_changed_fields(editor_client, edited_unit):
    newer, older = Version.objects.get_for_object(edited_unit)
    url = reverse("cms_history_compare", args=["organizationalunit", edited_unit.pk])
    response = editor_client.get(url, {"a": older.pk, "b": newer.pk})
    assert response.status_code == 200
    changes = {change.name: (change.old, change.new) for change in response.context["changes"]}
    assert changes == {
        "name": ("اداره صدور پروانه", "اداره پروانه و پایان‌کار"),
        "phone": ("021-11110110", "021-22220000"),
    }


def test_revert_restores_the_older_version_and_records_it(editor_client, edited_unit, editor):
    _newer, older = Version.objects.get_for_object(edited_unit)
    url = reverse("cms_history_revert", args=["organizationalunit", edited_unit.pk, older.pk])
    assert editor_client.get(url).status_code == 200  # the confirmation page
    response = editor_client.post(url)
    assert response.status_code == 302
    edited_unit.refresh_from_db()
    assert (edited_unit.name, edited_unit.phone) == ("اداره صدور پروانه", "021-11110110")
    latest = Version.objects.get_for_object(edited_unit).first()
    assert latest.revision.user == editor
    assert str(older.pk) in latest.revision.comment


def test_compare_with_a_version_of_another_object_is_404(editor_client, edited_unit):
    other = OrganizationalUnit.objects.create(name="دیگر", code="other")
    editor_client.post(f"/cms-admin/snippets/cms/organizationalunit/edit/{other.pk}/", unit_form(code="other"))
    foreign = Version.objects.get_for_object(other).first()
    mine = Version.objects.get_for_object(edited_unit).first()
    url = reverse("cms_history_compare", args=["organizationalunit", edited_unit.pk])
    assert editor_client.get(url, {"a": mine.pk, "b": foreign.pk}).status_code == 404


def test_user_without_change_permission_cannot_revert(client, edited_unit):
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    _newer, older = Version.objects.get_for_object(edited_unit)
    url = reverse("cms_history_revert", args=["organizationalunit", edited_unit.pk, older.pk])
    response = client.post(url)
    assert response.status_code in (302, 403)
    edited_unit.refresh_from_db()
    assert edited_unit.name == "اداره پروانه و پایان‌کار"
