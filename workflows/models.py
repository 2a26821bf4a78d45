"""What happens to a request: the applicant, the request, its documents, timeline and process."""

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from viewflow.workflow.models import Process

from cms.enums import Outcome
from core.digests import NATIONAL_ID, digest_candidates, keyed_digest, register_rekeyer
from core.storage import private_storage  # migrations refer to it as workflows.models.private_storage

from .enums import DECIDED_STATUSES, OPEN_STATUSES, RequestChannel, RequestStatus
from .routing import Stage, stages_of
from .tracking import format_tracking_code


def national_id_digest(national_id: str) -> str:
    """Keyed digest stored for look-ups, so the plain ID can later be encrypted at rest."""
    return keyed_digest(NATIONAL_ID, national_id)


def national_id_digests(national_id: str) -> list[str]:
    """The digests a stored national ID may have: current key first, then the previous one during a rotation."""
    return digest_candidates(NATIONAL_ID, national_id)


def overdue_q(today: dt.date | None = None, *, prefix: str = "") -> models.Q:
    """The one definition of "overdue": the request is open and its stage was due before `today`.

    `prefix` reaches the request through a relation (e.g. "process__requestprocess__request" from a
    Viewflow task). ServiceRequest.is_overdue_on() is the same rule on one loaded row.
    """
    path = f"{prefix}__" if prefix else ""
    return models.Q(**{f"{path}status__in": OPEN_STATUSES, f"{path}stage_due__lt": today or timezone.localdate()})


class ServiceRequestQuerySet(models.QuerySet):
    def overdue(self, today: dt.date | None = None) -> "ServiceRequestQuerySet":
        """Open requests whose stage was due before `today` (default: the local date)."""
        return self.filter(overdue_q(today))

    def not_overdue(self, today: dt.date | None = None) -> "ServiceRequestQuerySet":
        return self.exclude(overdue_q(today))

    def of_national_id(self, national_id: str) -> "ServiceRequestQuerySet":
        """Requests of the applicant with this national ID, found by keyed digest (either key during a rotation)."""
        return self.filter(applicant__national_id_hash__in=national_id_digests(national_id))


class Applicant(models.Model):
    """The one place for a citizen's personal data; requests point here."""

    national_id = models.CharField(_("national ID"), max_length=10)
    national_id_hash = models.CharField(_("national ID digest"), max_length=64, db_index=True, editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    mobile = models.CharField(_("mobile"), max_length=11)
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return f"{_('Applicant')} #{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        self.national_id_hash = national_id_digest(self.national_id)
        super().save(*args, **kwargs)


def rekey_national_ids(batch_size: int = 1000) -> int:
    """Rewrite every applicant's national-ID digest under the current key; returns how many changed."""
    changed, last_pk = 0, 0
    while True:
        batch = list(
            Applicant.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "national_id", "national_id_hash")[:batch_size]
        )
        if not batch:
            return changed
        last_pk = batch[-1].pk
        stale = []
        for applicant in batch:
            digest = national_id_digest(applicant.national_id)
            if applicant.national_id_hash != digest:
                applicant.national_id_hash = digest
                stale.append(applicant)
        Applicant.objects.bulk_update(stale, ["national_id_hash"])
        changed += len(stale)


register_rekeyer("applicant national IDs", rekey_national_ids)


class ServiceRequest(models.Model):
    """A citizen's request for a service, pinned to the guide revision and routing in force."""

    objects = ServiceRequestQuerySet.as_manager()

    guide = models.ForeignKey(
        "cms.ServiceGuidePage", verbose_name=_("service"), on_delete=models.PROTECT, related_name="service_requests"
    )
    guide_revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("guide revision"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    routing_snapshot = models.JSONField(_("routing plan"), default=list)
    applicant = models.ForeignKey(
        Applicant, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="requests"
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=RequestChannel.choices, default=RequestChannel.ONLINE
    )
    tracking_code = models.CharField(_("tracking code"), max_length=14, unique=True)
    status = FSMField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    stage_index = models.IntegerField(_("stage"), default=-1, help_text=_("-1 while documents are checked."))
    current_unit = models.ForeignKey(
        "cms.OrganizationalUnit",
        verbose_name=_("current unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    current_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("current officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage_entered_at = models.DateTimeField(_("stage entered at"), null=True, blank=True)
    stage_due = models.DateField(_("stage due date"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    letter_number = models.CharField(_("incoming letter number"), max_length=50, blank=True)
    letter_date = models.DateField(_("incoming letter date"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The latest decision, read by the flow's gateways.
    last_outcome = models.CharField(_("last decision"), max_length=20, blank=True)
    requested_keys = models.JSONField(_("documents asked for"), default=list, blank=True)
    documents_asked_at_intake = models.BooleanField(default=False)
    waiting_since = models.DateField(_("waiting for the citizen since"), null=True, blank=True)
    documents_round = models.PositiveSmallIntegerField(default=0)
    assign_on_entry = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_number = models.CharField(_("decision reference number"), max_length=40, blank=True)
    decision_letter = models.FileField(_("decision letter"), storage=private_storage, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-submitted_at"]
        permissions = [
            ("view_all_requests", _("Can see every request")),
            ("cancel_request", _("Can cancel a request with a reason")),
            ("register_request", _("Can register counter and paper requests")),
            ("view_archive", _("Can see every closed request (records)")),
        ]
        indexes = [models.Index(fields=["status", "current_unit"])]

    def __str__(self) -> str:
        return format_tracking_code(self.tracking_code)

    # --- reading the pinned plan -------------------------------------------------
    @property
    def stages(self) -> list[Stage]:
        return stages_of(self.routing_snapshot)

    @property
    def stage(self) -> Stage | None:
        if 0 <= self.stage_index < len(self.routing_snapshot):
            return Stage.from_snapshot(self.routing_snapshot[self.stage_index])
        return None

    @property
    def stage_title(self) -> str:
        if self.stage_index < 0:
            return str(_("Checking documents"))
        return self.stage.title if self.stage else ""

    @property
    def allowed_outcomes(self) -> list[str]:
        outcomes = list(self.stage.outcomes) if self.stage else []
        if self.stage_index <= 0:
            outcomes = [o for o in outcomes if o != Outcome.RETURN]
        if self.stage_index >= len(self.routing_snapshot) - 1:
            outcomes = [o for o in outcomes if o != Outcome.FORWARD]
        return outcomes

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def is_overdue_on(self, today: dt.date) -> bool:
        """overdue_q() on this loaded row: open and past its stage deadline on `today`."""
        return self.is_open and self.stage_due is not None and self.stage_due < today

    @property
    def process(self) -> "RequestProcess | None":
        return self.processes.order_by("-pk").first()

    # --- the status machine: only workflows.services calls these -----------------
    @transition(field=status, source=RequestStatus.SUBMITTED, target=RequestStatus.CHECKING_DOCUMENTS)
    def begin_check(self) -> None:
        """An intake officer took the request."""

    @transition(
        field=status,
        source=[RequestStatus.CHECKING_DOCUMENTS, RequestStatus.IN_REVIEW],
        target=RequestStatus.AWAITING_CITIZEN,
    )
    def ask_citizen(self) -> None:
        """Missing or corrected documents were asked for; the deadline clock pauses."""

    @transition(field=status, source=RequestStatus.AWAITING_CITIZEN, target=RequestStatus.CHECKING_DOCUMENTS)
    def resume_check(self) -> None:
        """The citizen uploaded what intake asked for."""

    @transition(
        field=status,
        source=[RequestStatus.CHECKING_DOCUMENTS, RequestStatus.IN_REVIEW, RequestStatus.AWAITING_CITIZEN],
        target=RequestStatus.IN_REVIEW,
    )
    def enter_review(self) -> None:
        """The request entered (or re-entered) a routing stage."""

    @transition(field=status, source=RequestStatus.IN_REVIEW, target=RequestStatus.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=RequestStatus.IN_REVIEW, target=RequestStatus.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field=status, source=list(OPEN_STATUSES), target=RequestStatus.WITHDRAWN)
    def withdraw(self) -> None:
        """The citizen withdrew the request."""

    @transition(field=status, source=list(OPEN_STATUSES), target=RequestStatus.CLOSED)
    def close(self) -> None:
        """A manager cancelled the request with a reason."""

    @transition(field=status, source=list(DECIDED_STATUSES), target=RequestStatus.IN_REVIEW)
    def reopen(self) -> None:
        """Sent back for review after a dissatisfied survey."""


def document_upload_path(instance: "RequestDocument", filename: str) -> str:
    """Server-generated names: the citizen's file name is kept only as data."""
    suffix = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(instance.content_type, "")
    if not suffix:
        suffix = (
            Path(filename).suffix.lower()[:5]
            if Path(filename).suffix.lower() in {".pdf", ".jpg", ".jpeg", ".png"}
            else ".bin"
        )
    return f"requests/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class RequestDocument(models.Model):
    """A file a citizen handed in, with its SHA-256 so later tampering shows."""

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="documents"
    )
    key = models.SlugField(_("document key"), max_length=50)
    file = models.FileField(_("file"), storage=private_storage, upload_to=document_upload_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    requested_round = models.PositiveSmallIntegerField(_("round"), default=0, help_text=_("0 = with the application."))

    class Meta:
        verbose_name = _("request document")
        verbose_name_plural = _("request documents")
        ordering = ["requested_round", "key", "uploaded_at"]

    def __str__(self) -> str:
        return self.key


class TimelineEntry(models.Model):
    """One step of a request: who, when, from/to state, unit, officer, comment."""

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="timeline"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices, blank=True)
    stage_index = models.IntegerField(_("stage"), default=-1)
    unit = models.ForeignKey(
        "cms.OrganizationalUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    visible_to_citizen = models.BooleanField(_("visible to the citizen"), default=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"

    @property
    def label(self) -> str:
        from .timeline import action_label

        return action_label(self.action)


class RequestProcess(Process):
    """The Viewflow process that carries a request; gateway conditions live here as properties.

    Kept separate from ServiceRequest because Viewflow's Process already owns a `status` field
    (its engine state) and the request's citizen-facing `status` is our FSM field.
    """

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="processes"
    )

    class Meta:
        verbose_name = _("request process")
        verbose_name_plural = _("request processes")

    def _decision_state(self) -> ServiceRequest:
        # Re-read: the service just changed the row through another Python object.
        return ServiceRequest.objects.only("last_outcome", "documents_asked_at_intake").get(pk=self.request_id)

    @property
    def documents_complete(self) -> bool:
        return self._decision_state().last_outcome != Outcome.DOCUMENTS

    @property
    def documents_were_asked_at_intake(self) -> bool:
        return self._decision_state().documents_asked_at_intake

    @property
    def moves_between_stages(self) -> bool:
        return self._decision_state().last_outcome in (Outcome.FORWARD, Outcome.RETURN)

    @property
    def needs_citizen_documents(self) -> bool:
        return self._decision_state().last_outcome == Outcome.DOCUMENTS

    @property
    def is_decided(self) -> bool:
        return self._decision_state().last_outcome in (Outcome.APPROVE, Outcome.REJECT)
