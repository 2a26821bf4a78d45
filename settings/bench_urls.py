"""The product's URLs plus the benchmark-only endpoints (mounted under /bench/ before the catch-all)."""

from django.urls import path

from settings.urls import urlpatterns as product_urlpatterns
from tests.perf.hello import hello
from tests.perf.views import paragraph_pdf

urlpatterns = [
    path("bench/hello/", hello, name="bench-hello"),
    path("bench/paragraph.pdf", paragraph_pdf, name="bench-paragraph-pdf"),
    *product_urlpatterns,
]
