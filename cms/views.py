"""Public pages outside the page tree: guide search, the printable checklist and the language switch."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
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


def switch_language(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Set the language cookie and go back: a GET link, so public pages need no CSRF form and stay cacheable."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
