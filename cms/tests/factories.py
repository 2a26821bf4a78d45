"""Factories for cms tests: units, catalogue documents, users, and a published guide tree."""

import factory
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from cms.enums import Channel, Outcome, Requirement
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
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کاربر"
    last_name = factory.Sequence(lambda n: f"آزمایشی{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationalUnit

    name = factory.Sequence(lambda n: f"اداره آزمایشی {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    phone = "021-11112222"
    working_hours = "شنبه تا چهارشنبه ۸ تا ۱۴"


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    key = factory.Sequence(lambda n: f"doc-{n}")
    name = factory.Sequence(lambda n: f"مدرک شماره {n}")
    description = "توضیح مدرک"


def make_site() -> HomePage:
    """A HomePage as the default site's root (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="میز خدمت", slug="desk-home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def make_category(home: HomePage, slug: str = "cat") -> ServiceCategoryPage:
    return home.add_child(instance=ServiceCategoryPage(title="دسته آزمایشی", slug=slug))


_codes = iter(range(10_000_000_000, 99_999_999_999))


def build_guide(
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
    code = service_code or str(next(_codes))
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
