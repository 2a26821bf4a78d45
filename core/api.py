"""REST framework glue: every error is JSON with messages per field."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"errors": {"__all__": [str(response.data["detail"])]}, "detail": response.data["detail"]}
    elif response is not None and isinstance(response.data, dict):
        response.data = {"errors": response.data}
    return response


def public_api_only(endpoints):
    """drf-spectacular preprocessing hook: document our /api/v1/ only, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
