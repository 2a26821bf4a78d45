"""Keep the per-unit queue permission in step with unit memberships and unit heads."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.models import OrganizationalUnit, UnitMembership

from .permissions import sync_unit_permissions


@receiver(post_save, sender=UnitMembership)
@receiver(post_delete, sender=UnitMembership)
def membership_changed(sender, instance: UnitMembership, **kwargs) -> None:
    unit = OrganizationalUnit.objects.filter(pk=instance.unit_id).first()
    if unit is not None:
        sync_unit_permissions(unit)


@receiver(post_save, sender=OrganizationalUnit)
def unit_saved(sender, instance: OrganizationalUnit, raw: bool = False, **kwargs) -> None:
    if not raw:
        sync_unit_permissions(instance)
