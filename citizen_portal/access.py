"""Who may see a request: the session that submitted or looked it up, a signed receipt link, or a desk clerk.

Never a guessable id: every door needs the tracking code plus a proof.
"""

from __future__ import annotations

import time

from django.core import signing

from cms.enums import Role
from cms.models import UnitMembership

SESSION_KEY = "portal_access"
ACCESS_SECONDS = 2 * 3600
RECEIPT_TOKEN_SALT = "citizen_portal.receipt"  # a namespace, not a secret  # noqa: S105  # nosec B105
RECEIPT_TOKEN_MAX_AGE = 7 * 24 * 3600


def grant(request, tracking_code: str) -> None:
    """This browser session may see `tracking_code` for a while."""
    now = time.time()
    allowed = {k: v for k, v in request.session.get(SESSION_KEY, {}).items() if v > now}
    allowed[tracking_code] = now + ACCESS_SECONDS
    request.session[SESSION_KEY] = allowed


def has_session_access(request, tracking_code: str) -> bool:
    expiry = request.session.get(SESSION_KEY, {}).get(tracking_code)
    return bool(expiry and expiry > time.time())


def receipt_token(tracking_code: str) -> str:
    """A capability for the receipt, handed to the API client that just submitted."""
    return signing.TimestampSigner(salt=RECEIPT_TOKEN_SALT).sign(tracking_code).split(":", 1)[1]


def check_receipt_token(tracking_code: str, token: str) -> bool:
    try:
        value = signing.TimestampSigner(salt=RECEIPT_TOKEN_SALT).unsign(
            f"{tracking_code}:{token or ''}", max_age=RECEIPT_TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return value == tracking_code


def is_desk_clerk(user) -> bool:
    """A logged-in user registered as a desk clerk in some unit, or holding the register permission."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm("workflows.register_request"):
        return True
    return UnitMembership.objects.filter(user=user, role=Role.CLERK, unit__is_active=True).exists()


def may_ask(request, tracking_code: str, *, token: str = "") -> bool:
    """Whether this visitor holds any proof worth looking the code up for (no database query)."""
    return bool(
        has_session_access(request, tracking_code)
        or (token and check_receipt_token(tracking_code, token))
        or getattr(request.user, "is_authenticated", False)
    )


def can_see(request, service_request, *, token: str = "") -> bool:
    """The citizen's session or receipt link, or the clerk who registered it at the counter."""
    code = service_request.tracking_code
    if has_session_access(request, code):
        return True
    if token and check_receipt_token(code, token):
        return True
    user = request.user
    return bool(
        getattr(user, "is_authenticated", False) and service_request.registered_by_id == user.pk and is_desk_clerk(user)
    )
