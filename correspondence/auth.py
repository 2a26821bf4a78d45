"""Partner API tokens in DRF: Bearer authentication, scope permission, a rate limit per token, and
the base view every partner endpoint (here and in citizen_portal.api.partner) derives from."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from core import audit
from core.models import AuditEvent

from .models import PartnerToken, token_digest


class PartnerPrincipal:
    """request.user for partner calls: authenticated, but never a staff user."""

    is_authenticated = True
    is_staff = False
    is_superuser = False
    pk = None

    def __init__(self, token: PartnerToken):
        self.token = token

    def __str__(self) -> str:
        return self.token.partner


class PartnerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        plain = parts[1].decode(errors="replace")
        token = PartnerToken.objects.filter(digest=token_digest(plain), is_active=True).first()
        if token is None:
            audit.record(AuditEvent.Kind.LOGIN_FAILED, request=request, channel="partner_api")
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API token."))
        PartnerToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return PartnerPrincipal(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="partner"'


class HasScope(BasePermission):
    """The view names the scope it needs in `required_scope`."""

    message = _("This API token does not have the scope this endpoint needs.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, PartnerToken):
            return False
        if token.has_scope(view.required_scope):
            return True
        audit.record(
            AuditEvent.Kind.PERMISSION_DENIED, request=request, partner_token=token.pk, scope=view.required_scope
        )
        return False


class PartnerTokenThrottle(SimpleRateThrottle):
    """Each token has its own rate (PartnerToken.rate) and its own bucket."""

    scope = "partner"

    def __init__(self):  # the rate comes from the token, not from settings
        pass

    def get_cache_key(self, request, view) -> str | None:
        token = request.auth
        return f"throttle_partner_{token.pk}" if isinstance(token, PartnerToken) else None

    def allow_request(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, PartnerToken):
            return True
        self.rate = token.rate
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "correspondence.auth.PartnerTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Partner API token (desk_…), scoped."}


ERROR = inline_serializer("PartnerError", {"errors": serializers.DictField(child=serializers.ListField())})


def error_response(message: str, code: int) -> Response:
    return Response({"errors": {"__all__": [message]}}, status=code)


class PartnerView(APIView):
    """A partner endpoint: token authentication, the view's `required_scope`, the token's own rate."""

    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [PartnerTokenThrottle]
    required_scope = ""
