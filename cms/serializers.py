"""Read-only shapes of a guide's parts for the Wagtail API (cms.api)."""

from rest_framework import serializers

from cms.models.units import OrganizationalUnit


class UnitSummarySerializer(serializers.ModelSerializer):
    """A unit as a guide mentions it: who handles the service and how to reach them."""

    class Meta:
        model = OrganizationalUnit
        fields = ["id", "code", "name", "kind", "head_name", "phone", "email", "address", "working_hours"]


class GuideDocumentSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    name = serializers.CharField(source="document.name", read_only=True)
    description = serializers.CharField(source="document.description", read_only=True)
    sample_image_url = serializers.CharField(source="document.sample_image_url", read_only=True, allow_null=True)
    form = serializers.CharField(read_only=True)
    copies = serializers.IntegerField(read_only=True)
    requirement = serializers.CharField(read_only=True)
    is_mandatory = serializers.BooleanField(read_only=True)
    condition = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
    allowed_types = serializers.ListField(child=serializers.CharField(), read_only=True)
    max_size_mb = serializers.IntegerField(read_only=True)


class RoutingStageSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    unit = UnitSummarySerializer(read_only=True, source="current_unit")
    role = serializers.CharField(read_only=True)
    working_days = serializers.IntegerField(read_only=True)
    outcomes = serializers.ListField(child=serializers.CharField(), read_only=True)


class StepSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    actor = serializers.CharField(read_only=True)
    location = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class FAQSerializer(serializers.Serializer):
    question = serializers.CharField(read_only=True)
    answer = serializers.CharField(read_only=True)


class FormFileSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(source="file.url", read_only=True)


class ChangeSerializer(serializers.Serializer):
    published_at = serializers.DateTimeField(read_only=True)
    note = serializers.CharField(read_only=True)
