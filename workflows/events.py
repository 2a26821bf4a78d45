"""Domain events: what happened to a request, for whoever outside `workflows` cares.

`workflows.services` sends each event *inside* the transaction of the change it reports, so a
receiver that writes rows (an outbox message, a letter) commits or rolls back with the change.
Receivers must therefore only write to the database; anything slow or external happens after
commit (the outbox does that). `workflows` never imports a receiver: integrations connect to
these signals in their own `receivers.py` (see docs/adr/0007-domain-events.md).

Every event is sent with `sender=ServiceRequest` and `service_request=` the locked, saved row;
the extra keyword arguments each one carries are listed beside it.
"""

from django.dispatch import Signal

# A request was registered (online, counter, paper or API). Extra: actor.
request_submitted = Signal()
# The request entered a routing stage: its unit (and perhaps officer) changed.
stage_entered = Signal()
# An officer took, was given, or gave back the open task. Extra: actor, action
# ("claimed", "assigned", "unclaimed").
officer_changed = Signal()
# The citizen must upload documents (keys in service_request.requested_keys). Extra: actor.
documents_requested = Signal()
# The citizen uploaded what was asked for. Extra: actor.
documents_provided = Signal()
# Approved or rejected (service_request.status says which). Extra: actor.
decided = Signal()
# The decision letter was rendered and stored; the process has ended.
letter_issued = Signal()
# The citizen withdrew the request. Extra: actor, reason.
withdrawn = Signal()
# A manager cancelled the request. Extra: actor, reason.
cancelled = Signal()
# Reopened for review after a dissatisfied survey. Extra: reason.
reopened = Signal()
# An overdue stage was flagged (and an unclaimed task handed to the unit head). Extra: head.
escalated = Signal()
# The office-automation system reported a letter event. Extra: kind, moved (whether the request
# changed unit/officer), letter_number, text, unit_name, officer_name.
letter_event_recorded = Signal()

ALL = (
    request_submitted,
    stage_entered,
    officer_changed,
    documents_requested,
    documents_provided,
    decided,
    letter_issued,
    withdrawn,
    cancelled,
    reopened,
    escalated,
    letter_event_recorded,
)
