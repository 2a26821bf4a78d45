"""Search finds guides however the Persian was typed: Arabic ي/ك, with or without ZWNJ, any digits."""

import pytest

from cms.models import ServiceGuidePage
from cms.search import search_guides
from tests.factories import UnitFactory, draft_guide, make_category, make_site, publish_guide

pytestmark = pytest.mark.django_db

PERSIAN_TITLE = "صدور گواهی‌نامه صلاحیت رانندگان"  # Persian ی and ک, with ZWNJ
ARABIC_TITLE = "تمديد كارت بازرگاني"  # written with Arabic ي and ك
CODE = "13051040200"


@pytest.fixture(scope="module")
def _published(module_db):
    """Three published guides, made once for the module (see module_db in the root conftest)."""
    category, unit = make_category(make_site()), UnitFactory()
    publish_guide(category, draft_guide(unit=unit, title=PERSIAN_TITLE, service_code=CODE))
    publish_guide(category, draft_guide(unit=unit, title=ARABIC_TITLE, service_code="13051040300"))
    publish_guide(category, draft_guide(unit=unit, title="پرداخت عوارض نوسازی", service_code="13051040400"))


@pytest.fixture
def guides(_published, db):
    return ServiceGuidePage.objects.get(service_code=CODE), ServiceGuidePage.objects.get(service_code="13051040300")


def found(query: str) -> list[str]:
    return [guide.service_code for guide in search_guides(query)]


@pytest.mark.parametrize(
    "query",
    [
        "گواهی‌نامه",  # as written
        "گواهینامه",  # without ZWNJ
        "گواهی نامه",  # with a space
        "گواهي‌نامه",  # Arabic yeh, ZWNJ
        "گواهينامه",  # Arabic yeh, no ZWNJ
        "گواهی‌نامه صلاحیت",  # several words
    ],
)
def test_query_variants_find_guide_written_in_persian_forms(guides, query):
    assert found(query) == [CODE]


@pytest.mark.parametrize("query", ["تمدید کارت", "تمديد كارت", "بازرگانی", "كارت"])
def test_persian_query_finds_guide_written_with_arabic_forms(guides, query):
    assert found(query) == ["13051040300"]


@pytest.mark.parametrize("query", [CODE, "۱۳۰۵۱۰۴۰۲۰۰", "١٣٠٥١٠٤٠٢٠٠"])
def test_service_code_in_any_digits_finds_guide(guides, query):
    assert found(query) == [CODE]


def test_document_names_are_searchable(guides):
    persian, _arabic = guides
    name = persian.documents.all()[0].document.name
    assert CODE in found(name)


def test_empty_query_finds_nothing(guides):
    assert found("  ") == []


def test_unpublished_guide_is_not_found(guides):
    persian, _arabic = guides
    persian.unpublish()
    assert found("گواهینامه") == []


def test_search_page_lists_results(client, guides):
    response = client.get("/search/", {"q": "گواهينامه"})
    assert response.status_code == 200
    assert PERSIAN_TITLE in response.content.decode()
    assert ARABIC_TITLE not in response.content.decode()
