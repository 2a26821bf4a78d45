"""Public pages outside the page tree: guide search and the printable "what to bring" checklist."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.models import ServiceGuidePage
from cms.search import search_guides


def search(request):
    query = request.GET.get("q", "").strip()
    results = list(search_guides(query)[:50]) if query else []
    return render(
        request,
        "cms/search.html",
        {"query": query, "results": results, "page_title": _("Search services")},
    )


def checklist(request, service_code: str):
    """A one-page list of what to bring to the counter, meant for printing."""
    guide = ServiceGuidePage.objects.live().public().filter(service_code=service_code).first()
    if guide is None:
        raise Http404
    context = {"page": guide, "self": guide, **guide.guide_context()}
    return render(request, "cms/checklist.html", context)
