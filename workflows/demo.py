"""Demo requests in every state, for the demo services and staff of fixtures/demo/ (cms.demo). Idempotent.

Requests are driven through the real process (submission, intake, stages, decisions), so this
stays code; the data it starts from (staff, groups, units, guides) is in fixtures/.
"""

import datetime as dt
import itertools

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.enums import Outcome, Role
from cms.models import ServiceGuidePage, UnitMembership
from core import fixtures
from core.validators import make_national_id

from . import services
from .enums import IntakeResult, RequestChannel
from .models import ServiceRequest

DEMO_ID_PREFIX = "99"
FIRST_NAMES = ["مریم", "علی", "زهرا", "رضا", "فاطمه", "حسین", "نرگس", "مهدی", "سارا", "امیر"]
LAST_NAMES = ["احمدی", "رضایی", "محمدی", "کریمی", "حسینی", "موسوی", "جعفری", "نوری", "صادقی", "طاهری"]
# The state each demo request is driven to, in rotation.
SCENARIOS = [
    "submitted", "checking", "awaiting_intake", "review_new", "review_claimed", "review_next",
    "awaiting_stage", "approved", "rejected", "withdrawn", "closed", "review_overdue",
]  # fmt: skip


def ensure_groups() -> dict[str, Group]:
    """The staff groups of fixtures/reference/groups.yaml with their permissions, as bootstrap makes them."""
    return fixtures.ensure_groups(fixtures.read("reference/groups.yaml"))


def _usable_guides() -> list[ServiceGuidePage]:
    usable = []
    for guide in ServiceGuidePage.objects.live().order_by("pk"):
        try:
            services.check_routing_plan(guide.routing_snapshot())
        except services.ServiceError:
            continue
        if guide.effective_intake_unit is not None:
            usable.append(guide)
    return usable


def _officer(unit_id, role=None):
    roles = [Role.HEAD] if role == Role.HEAD else [Role.OFFICER, Role.HEAD, Role.CLERK]
    membership = (
        UnitMembership.objects.filter(unit_id=unit_id, role__in=roles)
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return membership.user if membership else None


def _claim(request: ServiceRequest):
    from .flows import RequestFlow

    task = services.open_task(request)
    from .permissions import HEAD_PERMISSION, task_unit_id

    officer = _officer(task_unit_id(task), Role.HEAD if task.owner_permission == HEAD_PERMISSION else None)
    if officer is None:
        return None
    with RequestFlow.lock(task.process_id):
        services.claim_task(task.flow_task.activation_class(task), officer)
    return officer


def _complete(request: ServiceRequest, apply) -> bool:
    """Claim the open task if needed and complete it with `apply(officer)`."""
    from viewflow.workflow.status import STATUS

    from .flows import RequestFlow

    task = services.open_task(request)
    officer = task.owner if task.status == STATUS.ASSIGNED else _claim(request)
    if officer is None:
        return False
    task = services.open_task(request)
    with RequestFlow.lock(task.process_id):
        activation = task.flow_task.activation_class(task)
        activation.start(None)
        apply(officer)
        activation.execute()
    return True


def _pdf(n: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"scan-{n}.pdf", b"%PDF-1.4\n% synthetic demo document\n", content_type="application/pdf")


def _drive(request: ServiceRequest, scenario: str) -> None:
    keys = [doc.document.key for doc in request.guide.documents.select_related("document")] or ["id-card"]
    fresh = lambda: ServiceRequest.objects.get(pk=request.pk)  # noqa: E731

    def intake(result):
        def apply(officer):
            services.record_intake(
                fresh(), result=result, comment="بررسی مدارک انجام شد.", actor=officer, document_keys=keys[:1]
            )

        return _complete(fresh(), apply)

    def decide(outcome, comment):
        def apply(officer):
            services.decide(fresh(), outcome=outcome, comment=comment, actor=officer, document_keys=keys[:1])

        return _complete(fresh(), apply)

    if scenario == "submitted":
        return
    if scenario == "checking":
        _claim(fresh())
        return
    if scenario == "awaiting_intake":
        intake(IntakeResult.DOCUMENTS)
        return
    if not intake(IntakeResult.COMPLETE):
        return
    last = len(request.routing_snapshot) - 1
    if scenario == "review_new":
        return
    if scenario == "review_claimed":
        _claim(fresh())
        return
    if scenario == "review_overdue":
        ServiceRequest.objects.filter(pk=request.pk).update(stage_due=timezone.localdate() - dt.timedelta(days=3))
        return
    if scenario == "awaiting_stage":
        decide(Outcome.DOCUMENTS, "لطفاً تصویر خواناتری بارگذاری کنید.")
        return
    if scenario == "withdrawn":
        services.withdraw_request(fresh(), reason="دیگر نیازی ندارم.")
        return
    if scenario == "closed":
        from django.contrib.auth import get_user_model

        manager = get_user_model().objects.filter(groups__name="Managers").first()
        if manager:
            services.cancel_request(fresh(), actor=manager, reason="درخواست تکراری ثبت شده است.")
        return
    for _ in range(last):
        if Outcome.FORWARD not in fresh().allowed_outcomes or not decide(
            Outcome.FORWARD, "بررسی شد؛ ارسال به مرحله بعد."
        ):
            break
        if scenario == "review_next":
            return
    if scenario == "approved":
        decide(Outcome.APPROVE, "با درخواست موافقت شد.")
    elif scenario == "rejected":
        decide(Outcome.REJECT, "شرایط لازم احراز نشد.")


def seed_requests(target: int = 200) -> dict:
    """Create demo requests until `target` exist, spread over every state. Safe to run again.

    Closing a request needs a member of the Managers group (the demo's `manager`).
    """
    demo = ServiceRequest.objects.filter(applicant__national_id__startswith=DEMO_ID_PREFIX)
    existing = demo.count()
    guides = _usable_guides()
    if not guides or existing >= target:
        return {"demo requests": existing, "demo requests created": 0}
    channels = itertools.cycle(
        [RequestChannel.ONLINE, RequestChannel.ONLINE, RequestChannel.COUNTER, RequestChannel.PAPER, RequestChannel.API]
    )
    created = 0
    for n in range(existing, target):
        guide = guides[n % len(guides)]
        applicant = services.ApplicantData(
            national_id=make_national_id(f"{DEMO_ID_PREFIX}{n:07d}"),
            first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
            last_name=LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)],
            mobile=f"0912000{n:04d}",
        )
        channel = next(channels)
        files = {doc.document.key: _pdf(n) for doc in guide.documents.select_related("document")}
        request = services.submit_request(
            guide=guide,
            applicant=applicant,
            files=files,
            channel=channel,
            letter_number=f"۱۴۰۵/{n}" if channel == RequestChannel.PAPER else "",
            letter_date=timezone.localdate() if channel == RequestChannel.PAPER else None,
        )
        _drive(request, SCENARIOS[n % len(SCENARIOS)])
        created += 1
    return {"demo requests": existing + created, "demo requests created": created}
