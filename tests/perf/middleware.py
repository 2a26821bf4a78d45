"""Server-side query counting for the benchmark: every response carries X-Query-Count."""

from collections.abc import Callable

from django.db import connections
from django.http import HttpRequest, HttpResponse


class QueryCountMiddleware:
    """Counts SQL statements on every database connection while the request is handled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with _wrapped(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class _wrapped:
    """Installs one execute_wrapper on every configured connection (usually just "default")."""

    def __init__(self, wrapper):
        self.managers = [connections[alias].execute_wrapper(wrapper) for alias in connections]

    def __enter__(self):
        for manager in self.managers:
            manager.__enter__()

    def __exit__(self, *exc):
        for manager in reversed(self.managers):
            manager.__exit__(*exc)
