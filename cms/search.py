"""Guide search that ignores how Persian was typed (Arabic ي/ك, ZWNJ or not, any digits)."""

from django.db.models import QuerySet

from cms.models import ServiceGuidePage
from core.persian import normalize_for_search

MAX_QUERY_LENGTH = 200


def normalise_query(query: str) -> str:
    """The same normalisation as ServiceGuidePage.search_text, so both sides meet."""
    return normalize_for_search((query or "")[:MAX_QUERY_LENGTH])


def search_guides(query: str) -> QuerySet | list:
    """Live, public guides matching every word of the query, best first."""
    normalised = normalise_query(query)
    if not normalised:
        return []
    return ServiceGuidePage.objects.live().public().search(normalised, operator="and")
