"""Page types: HomePage > ServiceCategoryPage > ServiceGuidePage (the service identity card)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey  # noqa: F401  (used by the orderables' related names)
from rest_framework import serializers as drf
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageLogEntry
from wagtail.search import index

from cms.enums import Channel, LifeEvent, ServiceLevel, ServiceNature, ServiceType
from cms.forms import ServiceGuideForm
from cms.page_cache import CachedPageMixin
from cms.rules import StagePlan, document_errors, routing_errors
from cms.serializers import (
    ChangeSerializer,
    FAQSerializer,
    FormFileSerializer,
    GuideDocumentSerializer,
    RoutingStageSerializer,
    StepSerializer,
    UnitSummarySerializer,
)
from core.persian import ZWNJ, normalize_for_search, normalize_text


class SpecificChildRouteMixin:
    """Route to a child with one query: its type is known (subpage_types), so skip Wagtail's `.specific` reload."""

    child_model_name: str = ""

    def route(self, request, path_components):
        if path_components:
            child_model = self._meta.apps.get_model("cms", self.child_model_name)
            try:
                child = child_model.objects.child_of(self).get(slug=path_components[0])
            except child_model.DoesNotExist:
                return super().route(request, path_components)  # another type, or a 404
            child._cached_parent_obj = self
            return child.route(request, path_components[1:])
        return super().route(request, path_components)


class HomePage(SpecificChildRouteMixin, CachedPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.ServiceCategoryPage"]
    child_model_name = "ServiceCategoryPage"
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = list(ServiceCategoryPage.objects.child_of(self).live().public().order_by("path"))
        guides = ServiceGuidePage.objects.descendant_of(self).live().public().order_by("service_code")
        by_parent: dict[str, list] = {}
        for guide in guides:  # one query for every category's list, however many categories there are
            by_parent.setdefault(guide.path[: -guide.steplen], []).append(guide)
        context["categories"] = [(category, by_parent.get(category.path, [])) for category in categories]
        return context


class ServiceCategoryPage(SpecificChildRouteMixin, CachedPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True, help_text=_("An emoji or icon name."))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("icon")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServiceGuidePage"]
    child_model_name = "ServiceGuidePage"

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = ServiceGuidePage.objects.child_of(self).live().public().order_by("service_code")
        return context


service_code_validator = RegexValidator(r"^\d{11}$", _("The service ID must be exactly 11 digits."))


class ServiceGuidePage(CachedPageMixin, Page):
    """Everything a citizen needs before applying, and the routing a request follows."""

    service_code = models.CharField(_("service ID"), max_length=11, unique=True, validators=[service_code_validator])
    summary = models.TextField(_("summary"))
    eligibility = RichTextField(_("who may apply and under what conditions"), blank=True)
    service_type = models.CharField(_("type"), max_length=3, choices=ServiceType.choices, default=ServiceType.G2C)
    nature = models.CharField(
        _("nature"), max_length=12, choices=ServiceNature.choices, default=ServiceNature.SOVEREIGN
    )
    level = models.CharField(_("level"), max_length=12, choices=ServiceLevel.choices, default=ServiceLevel.NATIONAL)
    life_event = models.CharField(_("life event"), max_length=20, choices=LifeEvent.choices, default=LifeEvent.OTHER)
    fee_rials = models.BigIntegerField(_("fee (rials)"), default=0)
    payment_method = models.CharField(_("how to pay"), max_length=300, blank=True)
    expected_days = models.IntegerField(_("expected processing time (working days)"), default=5)
    max_days = models.IntegerField(_("legal maximum processing time (working days)"), default=10)
    in_person_visits = models.PositiveSmallIntegerField(_("in-person visits needed"), default=0)
    responsible_unit = models.ForeignKey(
        "cms.OrganizationalUnit", verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    intake_unit = models.ForeignKey(
        "cms.OrganizationalUnit",
        verbose_name=_("intake unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Checks new requests for completeness; the responsible unit if empty."),
    )
    channels = models.CharField(_("channels"), max_length=10, choices=Channel.choices, default=Channel.BOTH)
    legal_basis = RichTextField(_("legal basis"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_address = models.TextField(_("address"), blank=True)
    contact_hours = models.CharField(_("hours"), max_length=200, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    change_note = models.CharField(
        _("change note"), max_length=500, blank=True, help_text=_("What changed in this version, shown to citizens.")
    )
    notify_subscribers = models.BooleanField(
        _("notify subscribers"), default=False, help_text=_("Send the change note to citizens who follow this service.")
    )
    # Persian-normalised copy of what citizens search for (title, summary, ID, documents); see core.persian.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("service_code"),
        FieldPanel("summary"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [FieldPanel("service_type"), FieldPanel("nature"), FieldPanel("level"), FieldPanel("life_event")],
            heading=_("Identity card"),
        ),
        InlinePanel("steps", label=_("Steps")),
        InlinePanel("documents", label=_("Required documents")),
        MultiFieldPanel(
            [
                FieldPanel("fee_rials"),
                FieldPanel("payment_method"),
                FieldPanel("expected_days"),
                FieldPanel("max_days"),
                FieldPanel("in_person_visits"),
                FieldPanel("channels"),
            ],
            heading=_("Cost, time and channels"),
        ),
        FieldPanel("legal_basis"),
        InlinePanel("faqs", label=_("Frequently asked questions")),
        InlinePanel("forms", label=_("Downloadable forms")),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
                FieldPanel("contact_hours"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("change_note"), FieldPanel("notify_subscribers")], heading=_("This version")),
    ]
    routing_panels = [
        FieldPanel("responsible_unit"),
        FieldPanel("intake_unit"),
        InlinePanel("routing_stages", label=_("Routing stages"), min_num=1),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Guide")),
            ObjectList(routing_panels, heading=_("Routing")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.SearchField("summary"),
        index.SearchField("service_code"),
        index.SearchField("eligibility"),
        index.FilterField("channels"),
    ]
    api_fields = [
        APIField("service_code"),
        APIField("summary"),
        APIField("eligibility"),
        APIField("service_type"),
        APIField("nature"),
        APIField("level"),
        APIField("life_event"),
        APIField("fee_rials"),
        APIField("payment_method"),
        APIField("expected_days"),
        APIField("max_days"),
        APIField("in_person_visits"),
        APIField("channels"),
        APIField("accepts_online", serializer=drf.BooleanField(read_only=True)),
        APIField("responsible_unit", serializer=UnitSummarySerializer(read_only=True)),
        APIField("intake_unit", serializer=UnitSummarySerializer(read_only=True, source="effective_intake_unit")),
        APIField("steps", serializer=StepSerializer(many=True, read_only=True)),
        APIField("documents", serializer=GuideDocumentSerializer(many=True, read_only=True)),
        APIField("routing_stages", serializer=RoutingStageSerializer(many=True, read_only=True)),
        APIField("legal_basis"),
        APIField("faqs", serializer=FAQSerializer(many=True, read_only=True)),
        APIField("forms", serializer=FormFileSerializer(many=True, read_only=True)),
        APIField("contact_phone"),
        APIField("contact_email"),
        APIField("contact_address"),
        APIField("contact_hours"),
        APIField("last_reviewed"),
        APIField("change_note"),
        APIField("change_history", serializer=ChangeSerializer(many=True, read_only=True)),
    ]
    base_form_class = ServiceGuideForm
    parent_page_types = ["cms.ServiceCategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("service guide")
        verbose_name_plural = _("service guides")

    @property
    def accepts_online(self) -> bool:
        return self.channels in (Channel.ONLINE, Channel.BOTH)

    @property
    def effective_intake_unit(self):
        return self.intake_unit or self.responsible_unit

    def routing_snapshot(self) -> list[dict]:
        """The plan a request pins at submission (see workflows.services.submit_request)."""
        return [stage.snapshot() for stage in self.routing_stages.all()]

    def build_search_text(self) -> str:
        """Both spellings of each joined word ("گواهی‌نامه" as "گواهینامه" and "گواهی نامه"), digits in ASCII."""
        parts = [self.title or "", self.summary or "", self.service_code or ""]
        parts += [guide_document.document.name for guide_document in self.documents.all() if guide_document.document_id]
        text = " ".join(parts)
        return f"{normalize_for_search(text)} {normalize_text(text.replace(ZWNJ, ' ')).lower()}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        return super().save(*args, **kwargs)

    def change_history(self) -> list[dict]:
        """Every publication with its editor's note, newest first (from Wagtail's publish log)."""
        entries = (
            PageLogEntry.objects.filter(page_id=self.pk, action="wagtail.publish")
            .select_related("revision")
            .order_by("-timestamp", "-id")
        )
        history = []
        for entry in entries:
            content = entry.revision.content if entry.revision_id and entry.revision else {}
            note = (content or {}).get("change_note") or ""
            history.append({"published_at": entry.timestamp, "note": note, "revision_id": entry.revision_id})
        return history

    def guide_context(self) -> dict:
        """Everything the guide page shows, in a fixed number of queries whatever the list lengths."""
        from cms.models.guide_parts import GuideDocument, GuideFAQ, GuideForm, GuideStep
        from cms.models.routing import RoutingStage
        from cms.models.units import OrganizationalUnit

        units = {
            unit.pk: unit
            for unit in OrganizationalUnit.objects.select_related("head").filter(
                pk__in=[pk for pk in (self.responsible_unit_id, self.intake_unit_id) if pk]
            )
        }
        documents = list(
            GuideDocument.objects.filter(page_id=self.pk).select_related("document", "document__sample_image")
        )
        return {
            "steps": list(GuideStep.objects.filter(page_id=self.pk)),
            "documents": documents,
            "mandatory_documents": [d for d in documents if d.is_mandatory],
            "conditional_documents": [d for d in documents if not d.is_mandatory],
            "faqs": list(GuideFAQ.objects.filter(page_id=self.pk)),
            "forms": list(GuideForm.objects.filter(page_id=self.pk).select_related("file")),
            "stages": list(RoutingStage.objects.filter(page_id=self.pk).select_related("unit")),
            "responsible_unit": units.get(self.responsible_unit_id),
            "intake_unit": units.get(self.intake_unit_id or self.responsible_unit_id),
            "change_history": self.change_history(),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.guide_context())
        return context

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.fee_rials is not None and self.fee_rials < 0:
            errors.setdefault("fee_rials", []).append(_("The fee cannot be negative."))
        for field in ("expected_days", "max_days"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors.setdefault(field, []).append(_("The number of days cannot be negative."))
        if self.expected_days and self.max_days is not None and self.max_days < self.expected_days:
            errors.setdefault("max_days", []).append(_("The legal maximum cannot be shorter than the expected time."))
        if self.service_code:
            clash = ServiceGuidePage.objects.filter(service_code=self.service_code).exclude(pk=self.pk)
            if clash.exists():
                errors.setdefault("service_code", []).append(_("Another service already uses this service ID."))
        if errors:
            raise ValidationError(errors)

    def validate_children(self) -> None:
        """Rules over the inline lists (cms.rules); the admin form (cms.forms) applies the same rules to formsets."""
        plan = []
        for stage in self.routing_stages.all():
            unit = stage.current_unit()
            plan.append(
                StagePlan(
                    title=stage.title,
                    outcomes=stage.outcomes or [],
                    has_unit=unit is not None,
                    unit_active=bool(unit and unit.is_active),
                )
            )
        errors = document_errors(accepts_online=self.accepts_online, document_count=len(self.documents.all()))
        errors += routing_errors(plan)
        if errors:
            raise ValidationError(errors)
