"""Page types: HomePage > ServiceCategoryPage > ServiceGuidePage (the service identity card)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey  # noqa: F401  (used by the orderables' related names)
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.enums import Channel, LifeEvent, Outcome, ServiceLevel, ServiceNature, ServiceType


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.ServiceCategoryPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class ServiceCategoryPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True, help_text=_("An emoji or icon name."))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("icon")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServiceGuidePage"]

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")


service_code_validator = RegexValidator(r"^\d{11}$", _("The service ID must be exactly 11 digits."))


class ServiceGuidePage(Page):
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
        index.SearchField("summary"),
        index.SearchField("service_code"),
        index.SearchField("eligibility"),
        index.FilterField("channels"),
    ]
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
        """Rules over the inline lists; called by the admin form (cms.forms) before saving."""
        documents = [d for d in self.documents.all()]
        if self.accepts_online and not documents:
            raise ValidationError(_("An online service must list at least one required document."))
        stages = list(self.routing_stages.all())
        if not stages:
            raise ValidationError(_("The routing plan needs at least one stage."))
        deciding = {Outcome.APPROVE, Outcome.REJECT}
        for stage in stages[:-1]:
            if deciding & set(stage.outcomes or []):
                raise ValidationError(_("Only the final stage may approve or reject."))
        if not deciding & set(stages[-1].outcomes or []):
            raise ValidationError(_("The final stage must be able to approve or reject."))
