"""Version history of the snippets (units, memberships, document catalogue) with django-reversion.

Pages are versioned by Wagtail's own revisions; snippets are recorded here, one version per admin save.
"""

from dataclasses import dataclass

import reversion
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from cms.models import OrganizationalUnit, RequiredDocument, UnitMembership

VERSIONED_MODELS: dict[str, type[models.Model]] = {
    model._meta.model_name: model for model in (RequiredDocument, OrganizationalUnit, UnitMembership)
}


def register_versioned_models() -> None:
    """Called once from CmsConfig.ready()."""
    for model in VERSIONED_MODELS.values():
        if not reversion.is_registered(model):
            reversion.register(model)


def record_version(obj: models.Model, *, user=None, comment: str = "") -> None:
    """Store the object's current state as a new version."""
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(obj)
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        reversion.set_comment(comment)


def versions_of(obj: models.Model):
    """Newest first, with who saved each version."""
    return Version.objects.get_for_object(obj).select_related("revision", "revision__user")


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


def _display(obj: models.Model, field: models.Field) -> str:
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        if getattr(obj, field.attname) is None:
            return ""
        try:
            return str(getattr(obj, field.name))
        except ObjectDoesNotExist:
            return _("(deleted: #%(pk)s)") % {"pk": getattr(obj, field.attname)}
    if isinstance(field, models.BooleanField):
        return _("yes") if getattr(obj, field.name) else _("no")
    value = getattr(obj, field.name)
    return "" if value is None else str(value)


def compare_versions(older: Version, newer: Version) -> list[FieldChange]:
    """The fields whose value differs between two versions of the same object."""
    old_obj, new_obj = older._object_version.object, newer._object_version.object
    changes = []
    for field in type(new_obj)._meta.concrete_fields:
        if field.primary_key:
            continue
        if getattr(old_obj, field.attname) == getattr(new_obj, field.attname):
            continue
        changes.append(
            FieldChange(
                name=field.name,
                label=str(field.verbose_name),
                old=_display(old_obj, field),
                new=_display(new_obj, field),
            )
        )
    return changes


def revert_to(version: Version, *, user=None) -> models.Model:
    """Restore the object to a version, and record the restored state as the newest version."""
    with transaction.atomic():
        obj = version._object_version.object
        # A deserialised object looks new to Django; it is new only if its row is gone.
        obj._state.adding = not type(obj)._default_manager.filter(pk=obj.pk).exists()
        obj.full_clean()  # a version may name a parent or head that no longer exists
        version.revert()
        record_version(obj, user=user, comment=_("Reverted to version #%(id)s") % {"id": version.pk})
    return obj
