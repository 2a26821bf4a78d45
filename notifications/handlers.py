"""Signal handlers: a guide published with "notify subscribers" ticked queues ONE fan-out task."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.models import PageLogEntry
from wagtail.signals import page_published


def previous_published_revision_id(page_id: int, revision_id: int) -> int | None:
    """The revision that was live before this publish (Wagtail logs the new publish after the signal)."""
    return (
        PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=revision_id)
        .order_by("-timestamp", "-id")
        .values_list("revision_id", flat=True)
        .first()
    )


@receiver(page_published)
def notify_subscribers_of_change(sender, instance, revision, **kwargs) -> None:
    from cms.models import ServiceGuidePage

    if not isinstance(instance, ServiceGuidePage) or not instance.notify_subscribers or revision is None:
        return
    previous = previous_published_revision_id(instance.pk, revision.pk)

    def start() -> None:
        from .tasks import fan_out_procedure_change

        fan_out_procedure_change.enqueue(instance.pk, revision.pk, previous)

    transaction.on_commit(start, robust=True)
