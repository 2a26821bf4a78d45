"""The one door into the audit log; hash-chaining later is a change here only."""

from typing import Any

from django.db import models

from .client import UNKNOWN, client_ip
from .models import AuditEvent


def record(
    kind: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    request=None,
    **details: Any,
) -> AuditEvent:
    """Append one event. Never pass personal data in details: refer to objects by id."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=ip if (ip := client_ip(request)) != UNKNOWN else None,
        details=details,
    )
