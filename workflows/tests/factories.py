"""Factories for the request tests: users in units, guides with routing plans, submitted requests."""

import itertools

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from wagtail.models import Page

from cms.enums import Outcome, Role
from cms.models import (
    GuideDocument,
    HomePage,
    OrganizationalUnit,
    RequiredDocument,
    RoutingStage,
    ServiceCategoryPage,
    ServiceGuidePage,
    UnitMembership,
)
from core.validators import make_national_id
from workflows import services
from workflows.enums import RequestChannel

PASSWORD = "test-pass-1405"
_codes = itertools.count(1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کارمند"
    last_name = factory.Sequence(lambda n: f"شماره {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = OrganizationalUnit

    name = factory.Sequence(lambda n: f"واحد {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")


class RequiredDocumentFactory(DjangoModelFactory):
    class Meta:
        model = RequiredDocument
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"doc-{n}")
    name = factory.Sequence(lambda n: f"مدرک {n}")


def member(unit: OrganizationalUnit, role: str = Role.OFFICER, **kwargs):
    """A user working in `unit` in `role` (heads also become the unit's head)."""
    user = UserFactory(**kwargs)
    UnitMembership.objects.create(unit=unit, user=user, role=role)
    if role == Role.HEAD:
        unit.head = user
        unit.save()
    return user


def _category() -> ServiceCategoryPage:
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


def build_guide(stages, *, intake_unit=None, documents=("id-card", "photo"), max_days=20) -> ServiceGuidePage:
    """A published guide. `stages` is a list of (unit, outcomes) or (unit, outcomes, working_days)."""
    number = next(_codes)
    guide = ServiceGuidePage(
        title=f"خدمت آزمایشی {number}",
        slug=f"test-service-{number}-{UnitFactory._meta.model.objects.count()}",
        service_code=f"{number + ServiceGuidePage.objects.count() * 1000:011d}",
        summary="خلاصه",
        responsible_unit=stages[0][0],
        intake_unit=intake_unit,
        max_days=max_days,
        expected_days=min(5, max_days),
    )
    _category().add_child(instance=guide)
    for key in documents:
        GuideDocument.objects.create(page=guide, document=RequiredDocumentFactory(key=key))
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


FINAL = [Outcome.RETURN, Outcome.DOCUMENTS, Outcome.APPROVE, Outcome.REJECT]
MIDDLE = [Outcome.FORWARD, Outcome.RETURN, Outcome.DOCUMENTS]
_people = itertools.count(1)


def pdf_upload(name: str = "scan.pdf", body: bytes = b"%PDF-1.4 synthetic test file") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def applicant_data() -> services.ApplicantData:
    n = next(_people)
    return services.ApplicantData(
        national_id=make_national_id(f"{n:09d}"),
        first_name="شهروند",
        last_name=f"آزمایشی {n}",
        mobile=f"0912000{n % 10000:04d}",
    )


def submit(guide, *, channel: str = RequestChannel.ONLINE, applicant=None, **kwargs):
    files = {doc.document.key: pdf_upload() for doc in guide.documents.select_related("document")}
    return services.submit_request(
        guide=guide, applicant=applicant or applicant_data(), files=files, channel=channel, **kwargs
    )
