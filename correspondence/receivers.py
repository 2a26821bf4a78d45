"""How the office-automation connector follows a request: a letter at registration, and the
letter's number on the officer's request page."""

from __future__ import annotations

from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from workflows import events, panels
from workflows.models import ServiceRequest

from . import letters


@receiver(events.request_submitted)
def on_submitted(sender, service_request: ServiceRequest, **kwargs) -> None:
    """The letter and its outbox row are written in the submission's own transaction."""
    letters.queue_outbound_letter(service_request)


@panels.register
def letter_row(service_request: ServiceRequest):
    letter = letters.letter_for(service_request)
    if letter is None:
        return None
    return _("Office-automation letter"), render_to_string(
        "correspondence/includes/letter_badge.html", {"letter": letter}
    )
