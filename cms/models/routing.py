"""A service's routing plan: ordered stages, each held by a unit. Versioned with the page."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from cms.enums import Outcome, Role


def default_outcomes() -> list[str]:
    return [Outcome.FORWARD, Outcome.RETURN, Outcome.DOCUMENTS]


class RoutingStage(Orderable):
    page = ParentalKey("cms.ServiceGuidePage", on_delete=models.CASCADE, related_name="routing_stages")
    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        "cms.OrganizationalUnit", verbose_name=_("unit"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("role required"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    working_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    outcomes = models.JSONField(
        _("outcomes allowed"), default=default_outcomes, help_text=_("forward, return, documents, approve, reject")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("unit"),
        FieldPanel("role"),
        FieldPanel("working_days"),
        FieldPanel("outcomes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("routing stage")
        verbose_name_plural = _("routing stages")

    def clean(self) -> None:
        outcomes = self.outcomes or []
        if not isinstance(outcomes, list) or not outcomes or any(o not in Outcome.values for o in outcomes):
            raise ValidationError(
                {"outcomes": _("Choose one or more of: forward, return, documents, approve, reject.")}
            )
        if self.unit_id is None:
            raise ValidationError({"unit": _("Choose the unit that handles this stage.")})
        if self.current_unit() is None:
            raise ValidationError({"unit": _("The unit of this stage no longer exists; choose another.")})

    def current_unit(self):
        """The stage's unit, or None when it was never chosen or has since been deleted."""
        if self.unit_id is None:
            return None
        try:
            return self.unit
        except ObjectDoesNotExist:
            return None

    def snapshot(self) -> dict:
        """The compact form a request keeps, so later edits do not change its route."""
        return {
            "title": self.title,
            "unit_id": self.unit_id,
            "unit_name": unit.name if (unit := self.current_unit()) else "",
            "role": self.role,
            "working_days": self.working_days,
            "outcomes": list(self.outcomes or []),
        }
