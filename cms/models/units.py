"""Snippets: organisational units (a tree), who works in them, and the document catalogue."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers as drf
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.enums import FileType, Role, UnitKind
from core.people import display_name


class OrganizationalUnit(index.Indexed, models.Model):
    """Organisation → department → unit. Requests are routed to units."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=50, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.UNIT)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("head"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("address"),
        FieldPanel("working_hours"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("is_active")]
    api_fields = [
        APIField("name"),
        APIField("code"),
        APIField("kind"),
        APIField("parent_id", serializer=drf.IntegerField(read_only=True, allow_null=True)),
        APIField("head_name", serializer=drf.CharField(read_only=True)),
        APIField("phone"),
        APIField("email"),
        APIField("address"),
        APIField("working_hours"),
        APIField("is_active"),
    ]

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("A unit cannot be inside itself.")})
            seen.add(node.pk)
            node = node.parent

    @property
    def head_name(self) -> str:
        """Shown to citizens as who is in charge; the user's full name, never their account details."""
        return display_name(self.head)

    def ancestors(self) -> list["OrganizationalUnit"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class UnitMembership(models.Model):
    """Who works in which unit, in which role. Drives unit-scoped queues."""

    unit = models.ForeignKey(
        OrganizationalUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="unit_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)

    panels = [FieldPanel("unit"), FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [models.UniqueConstraint(fields=["unit", "user", "role"], name="unique_unit_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit} ({self.get_role_display()})"


def default_file_types() -> list[str]:
    return [FileType.PDF, FileType.JPEG, FileType.PNG]


class RequiredDocument(index.Indexed, models.Model):
    """A document citizens may be asked for; guides pick from this catalogue."""

    key = models.SlugField(
        _("key"),
        max_length=50,
        unique=True,
        help_text=_("Stable identifier, used as the upload field name in the API."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sample_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sample image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("key"), FieldPanel("name"), FieldPanel("description"), FieldPanel("sample_image")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("description")]
    api_fields = [
        APIField("key"),
        APIField("name"),
        APIField("description"),
        APIField("sample_image_url", serializer=drf.CharField(read_only=True, allow_null=True)),
    ]

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def sample_image_url(self) -> str | None:
        image = self.sample_image
        return image.file.url if image is not None and image.file else None
