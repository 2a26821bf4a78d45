"""Choices used by guide pages (the national service identity card) and routing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    BOTH = "both", _("Online and in person")


class ServiceType(models.TextChoices):
    G2C = "G2C", _("Government to citizen (G2C)")
    G2B = "G2B", _("Government to business (G2B)")
    G2G = "G2G", _("Government to government (G2G)")


class ServiceNature(models.TextChoices):
    SOVEREIGN = "sovereign", _("Sovereign")
    OPERATIONAL = "operational", _("Operational")


class ServiceLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    VILLAGE = "village", _("Village")


class LifeEvent(models.TextChoices):
    BIRTH = "birth", _("Birth")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    TAX = "tax", _("Tax")
    BUSINESS = "business", _("Business")
    SOCIAL_SECURITY = "social_security", _("Social security")
    PROPERTY = "property", _("Property registration")
    UTILITIES = "utilities", _("Urban utilities")
    INSURANCE = "insurance", _("Insurance")
    MARRIAGE = "marriage", _("Marriage")
    RETIREMENT = "retirement", _("Retirement")
    CERTIFICATES = "certificates", _("Documents and certificates")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    BOTH = "both", _("Original and copy")


class Requirement(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    CONDITIONAL = "conditional", _("Conditional")


class FileType(models.TextChoices):
    PDF = "pdf", _("PDF")
    JPEG = "jpeg", _("JPEG image")
    PNG = "png", _("PNG image")


class UnitKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    DEPARTMENT = "department", _("Department")
    UNIT = "unit", _("Unit")


class Role(models.TextChoices):
    OFFICER = "officer", _("Officer")
    HEAD = "head", _("Unit head")
    CLERK = "clerk", _("Desk clerk")


class Outcome(models.TextChoices):
    FORWARD = "forward", _("Forward to the next stage")
    RETURN = "return", _("Return to the previous stage")
    DOCUMENTS = "documents", _("Ask the citizen for documents")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
