"""Choices for requests: the channel a request came through and its citizen-facing status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("In-person counter")
    PAPER = "paper", _("Paper letter")
    API = "api", _("API")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CHECKING_DOCUMENTS = "checking_documents", _("Checking documents")
    AWAITING_CITIZEN = "awaiting_citizen", _("Awaiting the citizen")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.CHECKING_DOCUMENTS,
    RequestStatus.AWAITING_CITIZEN,
    RequestStatus.IN_REVIEW,
)
DECIDED_STATUSES = (RequestStatus.APPROVED, RequestStatus.REJECTED)


class IntakeResult(models.TextChoices):
    COMPLETE = "complete", _("Documents are complete")
    DOCUMENTS = "documents", _("Ask the citizen for documents")
