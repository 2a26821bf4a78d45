"""What the agency publishes: pages, the document catalogue, units and routing plans."""

from .guide_parts import GuideDocument, GuideFAQ, GuideForm, GuideStep
from .pages import HomePage, ServiceCategoryPage, ServiceGuidePage
from .routing import RoutingStage
from .units import OrganizationalUnit, RequiredDocument, UnitMembership

__all__ = [
    "GuideDocument",
    "GuideFAQ",
    "GuideForm",
    "GuideStep",
    "HomePage",
    "OrganizationalUnit",
    "RequiredDocument",
    "RoutingStage",
    "ServiceCategoryPage",
    "ServiceGuidePage",
    "UnitMembership",
]
