"""Synthetic guides, units, staff and requests for portal tests (no real people's data)."""

from __future__ import annotations

import itertools

import factory
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page

from cms.enums import Channel, Outcome, Requirement, Role
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

_codes = itertools.count(10061077001)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "کارمند"
    last_name = factory.Sequence(lambda n: f"نمونه{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationalUnit
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"اداره نمونه {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"doc-{n}")
    name = factory.Sequence(lambda n: f"مدرک {n}")


def member(unit: OrganizationalUnit, user, role: str = Role.OFFICER) -> UnitMembership:
    from workflows.permissions import sync_unit_permissions

    membership, _ = UnitMembership.objects.get_or_create(unit=unit, user=user, role=role)
    sync_unit_permissions(unit)
    return membership


def _category() -> ServiceCategoryPage:
    category = ServiceCategoryPage.objects.first()
    if category:
        return category
    root = Page.get_first_root_node()
    home = HomePage(title="خانه", slug="portal-home")
    root.add_child(instance=home)
    category = ServiceCategoryPage(title="خدمات", slug="portal-services")
    home.add_child(instance=category)
    return category


DEFAULT_DOCS = [
    ("national-card", "کارت ملی", Requirement.MANDATORY, ""),
    ("ownership-deed", "سند مالکیت", Requirement.MANDATORY, ""),
    ("power-of-attorney", "وکالت‌نامه", Requirement.CONDITIONAL, "اگر وکیل درخواست می‌دهد"),
]


def make_guide(
    *,
    documents=None,
    stages: int = 2,
    channels: str = Channel.BOTH,
    expected_days: int = 5,
    max_size_mb: int = 5,
    title: str = "صدور پروانه نمونه",
) -> ServiceGuidePage:
    """A published guide with its documents and an N-stage routing plan whose units have officers and heads."""
    with transaction.atomic():
        intake = UnitFactory(name="میز خدمت", code=f"intake-{next(_codes)}")
        units = [UnitFactory(name=f"واحد مرحله {i + 1}") for i in range(stages)]
        code = str(next(_codes))
        guide = ServiceGuidePage(
            title=title,
            slug=f"service-{code}",
            service_code=code,
            summary="خلاصه خدمت",
            expected_days=expected_days,
            max_days=max(expected_days, 10),
            responsible_unit=units[-1],
            intake_unit=intake,
            channels=channels,
        )
        for key, name, requirement, condition in documents or DEFAULT_DOCS:
            doc = RequiredDocumentFactory(key=key, name=name)
            guide.documents.add(
                GuideDocument(document=doc, requirement=requirement, condition=condition, max_size_mb=max_size_mb)
            )
        for i, unit in enumerate(units):
            outcomes = [Outcome.FORWARD, Outcome.RETURN, Outcome.DOCUMENTS]
            if i == len(units) - 1:
                outcomes = [Outcome.APPROVE, Outcome.REJECT, Outcome.DOCUMENTS, Outcome.RETURN]
            guide.routing_stages.add(
                RoutingStage(title=f"بررسی مرحله {i + 1}", unit=unit, working_days=3, outcomes=outcomes)
            )
        _category().add_child(instance=guide)
        guide.save_revision().publish()
        guide.refresh_from_db()
        # staff: an officer in every unit, a head for each stage unit
        for unit in [intake, *units]:
            officer = UserFactory(first_name="رضا", last_name=f"کارشناس {unit.code}")
            member(unit, officer, Role.OFFICER)
            head = UserFactory(first_name="نرگس", last_name=f"رئیس {unit.code}")
            unit.head = head
            unit.save()
            member(unit, head, Role.HEAD)
    return guide


def officer_of(unit: OrganizationalUnit):
    return UnitMembership.objects.filter(unit=unit, role=Role.OFFICER).select_related("user").first().user


def applicant_post(**overrides) -> dict:
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
