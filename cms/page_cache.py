"""Whole-page cache for the public Wagtail pages, served to anonymous visitors before Wagtail routes.

A cached page costs about as much as a bare view: the middleware answers from Django's default cache
without a query. Pages store themselves (CachedPageMixin.serve) only when the response is the same for
every anonymous visitor: a GET without a query string, no cookie set, no CSRF token used, no view
restriction. Entries are keyed by host, path and language under a *generation* number that every
publish, unpublish, delete or save of a page or of the content it shows bumps, so an editor's change
is visible at once (home and category pages list guides, so one change invalidates them all).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "cms:page-cache:generation"
DEFAULT_TIMEOUT = 300
# Apps whose rows appear on public pages: pages and their inline parts, units, catalogue, documents.
CONTENT_APPS = frozenset({"cms", "wagtailcore", "wagtaildocs", "wagtailimages"})


def timeout() -> int:
    """Seconds a page stays cached (settings.CMS_PAGE_CACHE_TIMEOUT; 0 turns the cache off)."""
    return int(getattr(settings, "CMS_PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT))


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate_all() -> None:
    """Make every cached page unreachable (old entries expire on their own)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): start a fresh generation
        cache.set(GENERATION_KEY, 2, None)


def _key(request: HttpRequest, generation: int) -> str:
    return f"cms:page:{generation}:{request.get_host()}:{get_language()}:{request.path}"


def _is_anonymous(request: HttpRequest) -> bool:
    # No session cookie: certainly anonymous, and we avoid loading a session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


def request_is_cacheable(request: HttpRequest) -> bool:
    """Only anonymous GETs without a query string share one response."""
    return (
        timeout() > 0
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and not getattr(request, "is_preview", False)
        and _is_anonymous(request)
    )


def cached_response(request: HttpRequest) -> HttpResponse | None:
    if not request_is_cacheable(request):
        return None
    entry = cache.get(_key(request, _generation()))
    if entry is None:
        return None
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    response["X-Page-Cache"] = "hit"
    # The language (and who is logged in) comes from cookies: downstream caches must not share across them.
    patch_vary_headers(response, ("Cookie",))
    return response


def store(request: HttpRequest, page, response: HttpResponse) -> None:
    """Keep the rendered page if every anonymous visitor would get exactly these bytes."""
    if not request_is_cacheable(request) or response.status_code != 200 or response.cookies:
        return
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.has_header("Set-Cookie"):
        return
    if page.get_view_restrictions().exists():
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    entry = {
        "content": response.content,
        "content_type": response["Content-Type"],
        "page_id": page.pk,
        "revision_id": page.live_revision_id,
    }
    cache.set(_key(request, _generation()), entry, timeout())
    response["X-Page-Cache"] = "miss"


class CachedPageMixin:
    """For page models: store the rendered page for anonymous visitors (see PageCacheMiddleware)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        store(request, self, response)
        return response


class PageCacheMiddleware:
    """Answer anonymous GETs for cached pages before URL resolution and Wagtail routing.

    Goes after LocaleMiddleware (the language is part of the key), AuthenticationMiddleware and the
    middleware that add security headers, so cached answers get them too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return cached_response(request) or self.get_response(request)


def content_changed(sender, **kwargs) -> None:
    """Signal receiver: a page was published/unpublished, or a row shown on public pages changed."""
    if sender._meta.app_label in CONTENT_APPS:
        invalidate_all()
