"""The headless API (Wagtail API v2): guides as pages, plus the document catalogue and the unit tree."""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from cms.models import OrganizationalUnit, RequiredDocument


class CatalogueAPIViewSet(BaseAPIViewSet):
    """Every document a guide may ask for: key (the upload field name), name, description, sample."""

    model = RequiredDocument
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["key", "name"]
    name = "documents-catalogue"

    def get_queryset(self):
        return RequiredDocument.objects.select_related("sample_image").order_by("id")


class UnitsAPIViewSet(BaseAPIViewSet):
    """The organisation → department → unit tree, with contacts and hours."""

    model = OrganizationalUnit
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["name", "code", "kind", "parent_id"]
    name = "units"

    def get_queryset(self):
        return OrganizationalUnit.objects.order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("documents-catalogue", CatalogueAPIViewSet)
api_router.register_endpoint("units", UnitsAPIViewSet)
