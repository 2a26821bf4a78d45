"""The baseline: the cheapest response the full middleware stack can give (served only under settings.bench)."""

from django.http import HttpRequest, HttpResponse


def hello(request: HttpRequest) -> HttpResponse:
    """No database, no template: what every other endpoint is compared with."""
    return HttpResponse(b"hello", content_type="text/plain")
