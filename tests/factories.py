"""Test data for every app's tests: factory_boy factories with traits, and builders for guides.

Tests of any app import from here (tests may import anything; production code never does).
Guides are Wagtail pages that must sit in the page tree, so they come from builder functions:

- `build_guide(stages, …)`: a published guide from a routing plan of (unit, outcomes[, working days]);
- `staffed_guide(…)`: a published guide whose intake and stage units each have an officer and a head;
- `draft_guide(unit=…)`: an unsaved guide with its inline lists filled in, for `publish_guide` or for
  validation tests.

`ServiceRequestFactory` submits through workflows.services, so every request has its real applicant,
Viewflow process and open task; traits move it on: `ServiceRequestFactory(guide=g, in_review=True,
claimed=True, overdue=True)`.
"""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from cms.enums import Channel, Outcome, Requirement, Role
from cms.models import (
    GuideDocument,
    GuideFAQ,
    GuideStep,
    HomePage,
    OrganizationalUnit,
    RequiredDocument,
    RoutingStage,
    ServiceCategoryPage,
    ServiceGuidePage,
    UnitMembership,
)
from core.validators import make_national_id

PASSWORD = "test-pass-1405"
# Outcomes of a routing plan's last stage and of the stages before it.
FINAL = [Outcome.RETURN, Outcome.DOCUMENTS, Outcome.APPROVE, Outcome.REJECT]
MIDDLE = [Outcome.FORWARD, Outcome.RETURN, Outcome.DOCUMENTS]
# Documents of `staffed_guide`: (key, name, requirement, condition).
DEFAULT_DOCS = [
    ("national-card", "کارت ملی", Requirement.MANDATORY, ""),
    ("ownership-deed", "سند مالکیت", Requirement.MANDATORY, ""),
    ("power-of-attorney", "وکالت‌نامه", Requirement.CONDITIONAL, "اگر وکیل درخواست می‌دهد"),
]
_numbers = itertools.count(1)
_people = itertools.count(1)


# --- people and units ---------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A staff account (tests log in with force_login; the password is PASSWORD). Traits: staff, superuser."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کارمند"
    last_name = factory.Sequence(lambda n: f"شماره {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def pass_second_factor(client, user) -> None:
    """Mark `client`'s signed-in session as having passed the second factor, as the verify page does after a
    right code (django_otp.login with a confirmed TOTP device). The root conftest applies it after every
    `client.force_login`, so tests of other behaviour need not type codes; tests/security drive the real pages."""
    from django.http import HttpRequest
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.staff_auth.session import start_session_clock

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, device)
    start_session_clock(request)
    request.session.save()


class UnitFactory(DjangoModelFactory):
    """An organisational unit with contact details. Trait: inactive."""

    class Meta:
        model = OrganizationalUnit
        django_get_or_create = ("code",)

    class Params:
        inactive = factory.Trait(is_active=False)

    name = factory.Sequence(lambda n: f"واحد {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    phone = "021-11112222"
    working_hours = "شنبه تا چهارشنبه ۸ تا ۱۴"


class RequiredDocumentFactory(DjangoModelFactory):
    """A catalogue document; the same key always gives the same document."""

    class Meta:
        model = RequiredDocument
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"doc-{n}")
    name = factory.Sequence(lambda n: f"مدرک {n}")
    description = "توضیح مدرک"


def member(unit: OrganizationalUnit, role: str = Role.OFFICER, *, user=None, **user_fields):
    """`user` (or a new UserFactory(**user_fields)) working in `unit` in `role`; heads also head the unit.

    Returns the user. Unit permissions follow through workflows.signals.
    """
    user = user or UserFactory(**user_fields)
    UnitMembership.objects.get_or_create(unit=unit, user=user, role=role)
    if role == Role.HEAD:
        unit.head = user
        unit.save()
    return user


def officer_of(unit: OrganizationalUnit):
    """The first officer of `unit`."""
    return UnitMembership.objects.filter(unit=unit, role=Role.OFFICER).select_related("user").first().user


# --- the page tree and guides -------------------------------------------------------------


def make_site() -> HomePage:
    """A HomePage as the default site's root (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="میز خدمت", slug="desk-home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def make_category(home: HomePage, slug: str = "cat") -> ServiceCategoryPage:
    return home.add_child(instance=ServiceCategoryPage(title="دسته آزمایشی", slug=slug))


def _category() -> ServiceCategoryPage:
    """Any category, made (with a home page) if the tree has none."""
    category = ServiceCategoryPage.objects.first()
    if category:
        return category
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:  # a transactional test flushed the tree Wagtail's migrations made
            from django.conf import settings
            from wagtail.models import Locale

            Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="خانه", slug="test-home"))
    return home.add_child(instance=ServiceCategoryPage(title="خدمات", slug="test-services"))


def build_guide(
    stages,
    *,
    intake_unit: OrganizationalUnit | None = None,
    documents=("id-card", "photo"),
    max_days: int = 20,
    max_size_mb: int | None = None,
    **fields,
) -> ServiceGuidePage:
    """A published guide. `stages` is a list of (unit, outcomes) or (unit, outcomes, working_days);
    `documents` are keys or (key, name, requirement, condition); `fields` go to the page
    (responsible_unit defaults to the first stage's unit)."""
    number = next(_numbers)
    fields.setdefault("responsible_unit", stages[0][0])
    fields.setdefault("expected_days", min(5, max_days))
    guide = ServiceGuidePage(
        title=fields.pop("title", f"خدمت آزمایشی {number}"),
        slug=f"test-service-{number}-{OrganizationalUnit.objects.count()}",
        service_code=f"{number + ServiceGuidePage.objects.count() * 1000:011d}",
        summary=fields.pop("summary", "خلاصه"),
        intake_unit=intake_unit,
        max_days=max_days,
        **fields,
    )
    _category().add_child(instance=guide)
    for index, spec in enumerate(documents):
        key, name, requirement, condition = (spec, None, Requirement.MANDATORY, "") if isinstance(spec, str) else spec
        document = RequiredDocumentFactory(key=key, **({"name": name} if name else {}))
        extra = {"max_size_mb": max_size_mb} if max_size_mb else {}
        GuideDocument.objects.create(
            page=guide, document=document, requirement=requirement, condition=condition, sort_order=index, **extra
        )
    for index, stage in enumerate(stages):
        unit, outcomes = stage[0], stage[1]
        days = stage[2] if len(stage) > 2 else 3
        RoutingStage.objects.create(
            page=guide,
            sort_order=index,
            title=f"مرحله {index + 1}",
            unit=unit,
            working_days=days,
            outcomes=list(outcomes),
        )
    guide = ServiceGuidePage.objects.get(pk=guide.pk)
    guide.save_revision().publish()
    return ServiceGuidePage.objects.get(pk=guide.pk)


def staffed_guide(
    *,
    documents=None,
    stages: int = 2,
    channels: str = Channel.BOTH,
    expected_days: int = 5,
    max_size_mb: int = 5,
    title: str = "صدور پروانه نمونه",
) -> ServiceGuidePage:
    """A published guide with DEFAULT_DOCS (or `documents`) and an N-stage plan; its intake unit and
    every stage unit have an officer and a head."""
    with transaction.atomic():
        intake = UnitFactory(name="میز خدمت", code=f"intake-{next(_numbers)}")
        units = [UnitFactory(name=f"واحد مرحله {i + 1}") for i in range(stages)]
        guide = build_guide(
            [(unit, FINAL if i == stages - 1 else MIDDLE) for i, unit in enumerate(units)],
            intake_unit=intake,
            documents=documents or DEFAULT_DOCS,
            max_days=max(expected_days, 10),
            max_size_mb=max_size_mb,
            expected_days=expected_days,
            responsible_unit=units[-1],
            channels=channels,
            title=title,
            summary="خلاصه خدمت",
        )
        for unit in [intake, *units]:
            member(unit, Role.OFFICER, first_name="رضا", last_name=f"کارشناس {unit.code}")
            member(unit, Role.HEAD, first_name="نرگس", last_name=f"رئیس {unit.code}")
    return guide


def draft_guide(
    *,
    unit: OrganizationalUnit,
    documents: int = 3,
    stages: int = 2,
    title: str = "راهنمای آزمایشی",
    summary: str = "خلاصه خدمت",
    channels: str = Channel.BOTH,
    service_code: str | None = None,
    stage_outcomes: list[list[str]] | None = None,
    stage_units: list[OrganizationalUnit] | None = None,
    **fields,
) -> ServiceGuidePage:
    """An unsaved guide with its inline lists filled in (valid unless the caller says otherwise)."""
    code = service_code or str(10_000_000_000 + next(_numbers))
    values = {"fee_rials": 1_500_000, "contact_phone": "021-11112222", "change_note": "نسخه نخست", **fields}
    guide = ServiceGuidePage(
        title=title,
        slug=f"g{code}",
        service_code=code,
        summary=summary,
        responsible_unit=unit,
        channels=channels,
        **values,
    )
    if stage_outcomes is None:
        stage_outcomes = [[Outcome.FORWARD]] * (stages - 1) + [[Outcome.APPROVE, Outcome.REJECT]] if stages else []
    guide.documents = [
        GuideDocument(
            document=RequiredDocumentFactory(),
            requirement=Requirement.MANDATORY if i % 2 == 0 else Requirement.CONDITIONAL,
            condition="" if i % 2 == 0 else "اگر متقاضی وکیل است",
            sort_order=i,
        )
        for i in range(documents)
    ]
    guide.routing_stages = [
        RoutingStage(
            title=f"مرحله {i + 1}",
            unit=stage_units[i] if stage_units else unit,
            outcomes=outcomes,
            sort_order=i,
        )
        for i, outcomes in enumerate(stage_outcomes)
    ]
    guide.steps = [GuideStep(title="ثبت درخواست", sort_order=0)]
    guide.faqs = [GuideFAQ(question="پرسش؟", answer="<p>پاسخ</p>", sort_order=0)]
    return guide


def publish_guide(category: ServiceCategoryPage, guide: ServiceGuidePage, user=None) -> ServiceGuidePage:
    """Add the guide under the category and publish it through a revision (so it has a change history)."""
    guide.live = False
    category.add_child(instance=guide)
    guide.save_revision(user=user, log_action=True).publish(user=user)
    return ServiceGuidePage.objects.get(pk=guide.pk)


# --- citizens and requests ----------------------------------------------------------------


def pdf_upload(name: str = "scan.pdf", body: bytes = b"%PDF-1.4 synthetic test file") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def applicant_data():
    """A new synthetic citizen for workflows.services (a valid national ID no real person has)."""
    from workflows import services

    n = next(_people)
    return services.ApplicantData(
        national_id=make_national_id(f"{n:09d}"),
        first_name="شهروند",
        last_name=f"آزمایشی {n}",
        mobile=f"0912000{n % 10000:04d}",
    )


def applicant_post(**overrides) -> dict:
    """The applicant fields of the citizen apply form."""
    data = {
        "national_id": make_national_id("001234567"),
        "first_name": "علي",
        "last_name": "كريمي",
        "mobile": "۰۹۱۲۰۰۰۱۲۳۴",
        "email": "citizen@example.org",
        "consent": "on",
    }
    data.update(overrides)
    return data


def submit(guide, *, channel: str = "online", applicant=None, **kwargs):
    """Submit through workflows.services with a PDF for every document the guide asks for."""
    from workflows import services

    files = {doc.document.key: pdf_upload() for doc in guide.documents.select_related("document")}
    return services.submit_request(
        guide=guide, applicant=applicant or applicant_data(), files=files, channel=channel, **kwargs
    )


def _take_open_task(request):
    """An officer of the unit holding the request (its head where the stage asks for one) claims the open task."""
    from workflows import services
    from workflows.flows import RequestFlow
    from workflows.permissions import HEAD_PERMISSION

    task = services.open_task(request)
    roles = [Role.HEAD] if task.owner_permission == HEAD_PERMISSION else [Role.OFFICER, Role.HEAD, Role.CLERK]
    membership = UnitMembership.objects.filter(unit_id=task.owner_permission_obj_pk, role__in=roles).first()
    assert membership, f"nobody in unit {task.owner_permission_obj_pk} may take task {task.pk}: add a member()"
    with RequestFlow.lock(task.process_id):
        services.claim_task(task.flow_task.activation_class(task), membership.user)
    return membership.user


def _accept_at_intake(request) -> None:
    """The intake officer finds the documents complete: the request moves to its first stage's queue."""
    from workflows import services
    from workflows.enums import IntakeResult
    from workflows.flows import RequestFlow
    from workflows.models import ServiceRequest

    officer = _take_open_task(request)
    task = services.open_task(request)
    with RequestFlow.lock(task.process_id), transaction.atomic():
        activation = task.flow_task.activation_class(task)
        activation.start(None)  # what the task view does when the officer opens the form
        fresh = ServiceRequest.objects.get(pk=request.pk)
        services.record_intake(fresh, result=IntakeResult.COMPLETE, comment="بررسی شد", actor=officer)
        activation.execute()


def _yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


class ServiceRequestFactory(DjangoModelFactory):
    """A request submitted through workflows.services: applicant, documents, Viewflow process, open task.

    `guide` defaults to a one-stage staffed_guide(); `files` to a PDF per document of the guide.
    Traits (combine freely):
      in_review: intake accepted the documents; the request waits in its first stage's queue.
      claimed:   an officer of the unit now holding it took the open task.
      overdue:   the current stage's deadline was yesterday.
    """

    class Meta:
        model = "workflows.ServiceRequest"

    class Params:
        in_review = factory.Trait(accepted_at_intake=True)
        claimed = factory.Trait(claim_task=True)
        overdue = factory.Trait(stage_due=factory.LazyFunction(_yesterday))

    guide = factory.LazyFunction(lambda: staffed_guide(stages=1))
    applicant = factory.LazyFunction(applicant_data)
    channel = "online"
    files = None
    accepted_at_intake = False
    claim_task = False
    stage_due = None

    @classmethod
    def _create(cls, model_class, *, guide, files, accepted_at_intake, claim_task, stage_due, **kwargs):
        from workflows import services

        if files is None:
            files = {doc.document.key: pdf_upload() for doc in guide.documents.select_related("document")}
        request = services.submit_request(guide=guide, files=files, **kwargs)
        if accepted_at_intake:
            _accept_at_intake(request)
        if claim_task:
            _take_open_task(request)
        if stage_due is not None:
            model_class.objects.filter(pk=request.pk).update(stage_due=stage_due)
        return model_class.objects.get(pk=request.pk)
