"""The ordered parts of a service guide: steps, required documents, FAQ and forms."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms.enums import DocumentForm, FileType, Requirement

from .units import default_file_types


class GuideStep(Orderable):
    page = ParentalKey("cms.ServiceGuidePage", on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("title"), max_length=200)
    actor = models.CharField(_("who does it"), max_length=200, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("actor"), FieldPanel("location"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")


class GuideDocument(Orderable):
    """A catalogue document as this service asks for it."""

    page = ParentalKey("cms.ServiceGuidePage", on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "cms.RequiredDocument", verbose_name=_("document"), on_delete=models.PROTECT, related_name="guide_uses"
    )
    form = models.CharField(
        _("original or copy"), max_length=10, choices=DocumentForm.choices, default=DocumentForm.COPY
    )
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), default=1, validators=[MinValueValidator(0), MaxValueValidator(20)]
    )
    requirement = models.CharField(
        _("requirement"), max_length=12, choices=Requirement.choices, default=Requirement.MANDATORY
    )
    condition = models.CharField(_("condition"), max_length=300, blank=True, help_text=_("When is it needed?"))
    note = models.CharField(_("note for this service"), max_length=300, blank=True)
    allowed_types = models.JSONField(
        _("file types accepted online"), default=default_file_types, blank=True, help_text=_("pdf, jpeg, png")
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("maximum size online (MB)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )

    panels = [
        FieldPanel("document"),
        FieldPanel("form"),
        FieldPanel("copies"),
        FieldPanel("requirement"),
        FieldPanel("condition"),
        FieldPanel("note"),
        FieldPanel("allowed_types"),
        FieldPanel("max_size_mb"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    @property
    def key(self) -> str:
        return self.document.key

    @property
    def is_mandatory(self) -> bool:
        return self.requirement == Requirement.MANDATORY

    def clean(self) -> None:
        errors = {}
        if self.requirement == Requirement.CONDITIONAL and not (self.condition or "").strip():
            errors["condition"] = _("Describe the condition under which this document is needed.")
        types = self.allowed_types or []
        if not isinstance(types, list) or not types or any(t not in FileType.values for t in types):
            errors["allowed_types"] = _("Choose one or more of: pdf, jpeg, png.")
        if errors:
            raise ValidationError(errors)


class GuideFAQ(Orderable):
    page = ParentalKey("cms.ServiceGuidePage", on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=300)
    answer = RichTextField(_("answer"), features=["bold", "italic", "link", "ol", "ul"])

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")


class GuideForm(Orderable):
    """A downloadable form (a Wagtail document)."""

    page = ParentalKey("cms.ServiceGuidePage", on_delete=models.CASCADE, related_name="forms")
    title = models.CharField(_("title"), max_length=200)
    file = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("downloadable form")
        verbose_name_plural = _("downloadable forms")
