"""Bench-only views that have no counterpart in the product (served only under settings.bench)."""

from django.http import HttpRequest, HttpResponse

from core.pdf import render_pdf

PARAGRAPH = (
    "این یک بند کوتاه برای سنجش هزینهٔ پایهٔ ساخت یک سند PDF است: همان قلم، همان برگه‌آرایی "
    "و همان سربرگ رسید، ولی بدون جدول، کد QR و امضا."
)


def paragraph_pdf(request: HttpRequest) -> HttpResponse:
    """A one-paragraph PDF through the same renderer as receipts: the yardstick for the receipt's cost."""
    pdf = render_pdf("perf/paragraph_pdf.html", {"paragraph": PARAGRAPH})
    return HttpResponse(pdf, content_type="application/pdf")
