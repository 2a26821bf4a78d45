"""The public guide page: everything in the identity card, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.persian import to_persian_digits
from tests.factories import draft_guide, publish_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(category, unit):
    return publish_guide(
        category,
        draft_guide(unit=unit, documents=3, fee_rials=2_500_000, expected_days=5, max_days=10,
                    last_reviewed=dt.date(2025, 3, 21)),
    )  # fmt: skip


def render(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_guide_page_shows_documents_with_condition_and_form(client, guide):
    html = render(client, guide)
    for item in guide.documents.all():
        assert item.document.name in html
    assert "اگر متقاضی وکیل است" in html  # the condition of the conditional document
    assert "PDF, JPEG, PNG" in html


def test_guide_page_shows_fee_in_persian_digits_and_days(client, guide):
    html = render(client, guide)
    assert "۲٬۵۰۰٬۰۰۰" in html
    assert "۵" in html and "۱۰" in html


def test_guide_page_shows_last_reviewed_and_change_history_in_jalali(client, guide):
    html = render(client, guide)
    assert "۱ فروردین ۱۴۰۴" in html  # 2025-03-21
    assert "نسخه نخست" in html


def test_guide_page_shows_responsible_unit_and_samad(client, guide, unit):
    html = render(client, guide)
    assert unit.name in html
    assert 'href="tel:111"' in html


def test_guide_page_links_to_the_printable_checklist(client, guide):
    assert f"/services/{guide.service_code}/checklist/" in render(client, guide)


def test_guide_page_is_rtl_persian(client, guide):
    html = render(client, guide)
    assert '<html lang="fa" dir="rtl">' in html


def test_guide_page_can_be_shown_in_english(client, guide):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = render(client, guide)
    assert '<html lang="en" dir="ltr">' in html
    assert "2,500,000" in html


UNCACHED = "?uncached=1"  # any query string bypasses the page cache (cms.page_cache)


def count_queries(client, page) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page.url + UNCACHED).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_documents(client, category, unit, django_assert_num_queries):
    small = publish_guide(category, draft_guide(unit=unit, documents=3))
    large = publish_guide(category, draft_guide(unit=unit, documents=30))
    count_queries(client, small)  # warm caches (site root, content types)
    with django_assert_num_queries(count_queries(client, small)):
        assert client.get(large.url + UNCACHED).status_code == 200


def test_checklist_lists_mandatory_and_conditional_documents(client, guide):
    response = client.get(f"/services/{guide.service_code}/checklist/")
    assert response.status_code == 200
    html = response.content.decode()
    mandatory = [d for d in guide.documents.all() if d.is_mandatory]
    conditional = [d for d in guide.documents.all() if not d.is_mandatory]
    assert all(d.document.name in html for d in mandatory + conditional)
    assert html.index(mandatory[0].document.name) < html.index(conditional[0].document.name)
    assert 'class="site-header"' in html  # the page keeps its landmarks; print CSS hides them


def test_checklist_of_unknown_service_is_404(client, db):
    assert client.get("/services/00000000000/checklist/").status_code == 404


def test_checklist_of_unpublished_guide_is_404(client, guide):
    guide.unpublish()
    assert client.get(f"/services/{guide.service_code}/checklist/").status_code == 404


def test_home_page_lists_categories_and_guides(client, home, category, guide):
    html = render(client, home)
    assert category.title in html
    assert guide.title in html
    assert 'role="search"' in html


def test_category_page_lists_its_guides(client, category, guide):
    html = render(client, category)
    assert guide.title in html
    assert to_persian_digits(guide.service_code) in html
