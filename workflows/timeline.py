"""Timeline actions and their labels (what the citizen and officers read)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "submitted": _("Request registered"),
    "claimed": _("Officer took the request"),
    "assigned": _("Assigned to an officer"),
    "unclaimed": _("Returned to the unit queue"),
    "documents_complete": _("Documents checked and complete"),
    "documents_requested": _("Documents requested from the citizen"),
    "documents_provided": _("Citizen uploaded documents"),
    "stage_entered": _("Sent to a unit"),
    "forward": _("Forwarded to the next stage"),
    "return": _("Returned to the previous stage"),
    "approve": _("Approved"),
    "reject": _("Rejected"),
    "letter_issued": _("Decision letter issued"),
    "withdrawn": _("Withdrawn by the citizen"),
    "cancelled": _("Cancelled by a manager"),
    "escalated": _("Overdue: escalated to the unit head"),
    "reopened": _("Reopened for review"),
    # Events of the request's letter in the office-automation system (correspondence).
    "letter_referred": _("Referred to a unit or officer"),
    "letter_replied": _("Your letter was answered"),
    "letter_archived": _("Your letter was archived"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
