"""Wagtail admin views over a snippet's django-reversion history: list, compare two versions, revert."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from reversion.models import Version

from cms.history import VERSIONED_MODELS, compare_versions, revert_to, versions_of


def _object_for(request, model_name: str, pk: int):
    model = VERSIONED_MODELS.get(model_name)
    if model is None:
        raise Http404
    perm = f"{model._meta.app_label}.change_{model._meta.model_name}"
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return model, get_object_or_404(model, pk=pk)


def _version_of(obj, version_id) -> Version:
    try:
        return versions_of(obj).get(pk=int(version_id))
    except (Version.DoesNotExist, TypeError, ValueError):
        raise Http404


def history(request, model_name: str, pk: int):
    model, obj = _object_for(request, model_name, pk)
    return TemplateResponse(
        request,
        "cms/admin/history.html",
        {
            "page_title": _("History of %(object)s") % {"object": obj},
            "header_icon": "history",
            "object": obj,
            "model_name": model_name,
            "verbose_name": model._meta.verbose_name,
            "versions": versions_of(obj),
            "edit_url": reverse(model.snippet_viewset.get_url_name("edit"), args=[obj.pk]),
        },
    )


def compare(request, model_name: str, pk: int):
    model, obj = _object_for(request, model_name, pk)
    first, second = _version_of(obj, request.GET.get("a")), _version_of(obj, request.GET.get("b"))
    older, newer = sorted([first, second], key=lambda v: (v.revision.date_created, v.pk))
    return TemplateResponse(
        request,
        "cms/admin/compare.html",
        {
            "page_title": _("Compare versions of %(object)s") % {"object": obj},
            "header_icon": "history",
            "object": obj,
            "model_name": model_name,
            "older": older,
            "newer": newer,
            "changes": compare_versions(older, newer),
        },
    )


@require_http_methods(["GET", "POST"])
def revert(request, model_name: str, pk: int, version_id: int):
    model, obj = _object_for(request, model_name, pk)
    version = _version_of(obj, version_id)
    if request.method == "POST":
        try:
            revert_to(version, user=request.user)
        except ValidationError as error:
            messages.error(
                request, _("This version cannot be restored: %(reason)s") % {"reason": "; ".join(error.messages)}
            )
        else:
            messages.success(request, _("Restored the version of %(date)s.") % {"date": version.revision.date_created})
        return redirect("cms_history", model_name=model_name, pk=obj.pk)
    return TemplateResponse(
        request,
        "cms/admin/revert_confirm.html",
        {
            "page_title": _("Restore an earlier version"),
            "header_icon": "history",
            "object": obj,
            "model_name": model_name,
            "version": version,
            "changes": compare_versions(versions_of(obj).first(), version),
        },
    )
