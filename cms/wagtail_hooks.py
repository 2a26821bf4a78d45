"""Wagtail admin wiring: snippets for the catalogue and the unit tree, and their version history."""

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import admin_views
from cms.history import VERSIONED_MODELS, record_version
from cms.models import OrganizationalUnit, RequiredDocument, UnitMembership


class RequiredDocumentViewSet(SnippetViewSet):
    model = RequiredDocument
    icon = "doc-full"
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


class OrganizationalUnitViewSet(SnippetViewSet):
    model = OrganizationalUnit
    icon = "group"
    list_display = ["name", "code", "kind", "parent", "head"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]


class UnitMembershipViewSet(SnippetViewSet):
    model = UnitMembership
    icon = "user"
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit"]


class ServiceDeskGroup(SnippetViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (RequiredDocumentViewSet, OrganizationalUnitViewSet, UnitMembershipViewSet)


register_snippet(ServiceDeskGroup)


@hooks.register("register_admin_urls")
def history_urls():
    return [
        path("cms-history/<str:model_name>/<int:pk>/", admin_views.history, name="cms_history"),
        path("cms-history/<str:model_name>/<int:pk>/compare/", admin_views.compare, name="cms_history_compare"),
        path(
            "cms-history/<str:model_name>/<int:pk>/revert/<int:version_id>/",
            admin_views.revert,
            name="cms_history_revert",
        ),
    ]


def _is_versioned(instance) -> bool:
    return VERSIONED_MODELS.get(instance._meta.model_name) is type(instance)


@hooks.register("after_create_snippet")
def version_created_snippet(request, instance):
    if _is_versioned(instance):
        record_version(instance, user=request.user, comment=gettext("Created"))


@hooks.register("after_edit_snippet")
def version_edited_snippet(request, instance):
    if _is_versioned(instance):
        record_version(instance, user=request.user, comment=gettext("Edited"))


@hooks.register("register_snippet_listing_buttons")
def history_button(snippet, user, next_url=None):
    if _is_versioned(snippet):
        model_name = snippet._meta.model_name
        yield Button(
            gettext("Version history"),
            reverse("cms_history", args=[model_name, snippet.pk]),
            icon_name="history",
            priority=90,
        )
