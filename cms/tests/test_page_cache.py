"""The public page cache: anonymous repeat visits skip Wagtail, publishing shows at once, language by GET link."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, draft_guide, publish_guide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def guide(category, unit):
    return publish_guide(category, draft_guide(unit=unit, title="گذرنامه"))


def test_second_anonymous_request_is_served_from_the_cache(client, guide, django_assert_max_num_queries):
    first = client.get(guide.url)
    with django_assert_max_num_queries(2):
        second = client.get(guide.url)
    assert second.status_code == 200
    assert second.content == first.content


def test_public_page_sets_no_cookie_and_has_no_csrf_token(client, guide):
    response = client.get(guide.url)
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content


def test_publishing_a_new_title_is_visible_at_once(client, guide):
    client.get(guide.url)
    guide.title = "گذرنامه تازه"
    guide.save_revision().publish()
    assert "گذرنامه تازه" in client.get(guide.url).content.decode()


def test_publishing_a_guide_refreshes_the_cached_home_page(client, home, guide):
    client.get(home.url)
    guide.title = "عنوان نو"
    guide.save_revision().publish()
    assert "عنوان نو" in client.get(home.url).content.decode()


def test_unpublished_page_is_no_longer_served(client, guide):
    client.get(guide.url)
    guide.unpublish()
    assert client.get(guide.url).status_code == 404


def test_query_string_bypasses_the_cache(client, guide):
    client.get(guide.url)
    response = client.get(guide.url + "?x=1")
    assert "X-Page-Cache" not in response


def test_logged_in_user_gets_an_uncached_page(client, guide):
    client.get(guide.url)
    client.force_login(UserFactory(superuser=True))
    response = client.get(guide.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert b"wagtail-userbar" in response.content or b"w-userbar" in response.content


def test_logged_in_user_does_not_fill_the_cache(client, guide):
    client.force_login(UserFactory(superuser=True))
    client.get(guide.url)
    client.logout()
    assert client.get(guide.url)["X-Page-Cache"] == "miss"


def test_english_and_persian_are_cached_separately(client, guide):
    persian = client.get(guide.url).content.decode()
    client.get(f"/lang/en/?next={guide.url}")
    english = client.get(guide.url).content.decode()
    assert 'lang="fa"' in persian and 'lang="en"' in english
    client.get(f"/lang/fa/?next={guide.url}")
    assert client.get(guide.url)["X-Page-Cache"] == "hit"
    assert client.get(guide.url).content.decode() == persian


def test_language_switch_is_a_get_link_that_sets_the_cookie(client, guide):
    html = client.get(guide.url).content.decode()
    assert f'href="/lang/en/?next={guide.url}"' in html
    response = client.get("/lang/en/", {"next": guide.url})
    assert response.status_code == 302
    assert response["Location"] == guide.url
    assert response.cookies["django_language"].value == "en"


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_language_switch_refuses_an_unsafe_next(client, unsafe):
    response = client.get("/lang/en/", {"next": unsafe})
    assert response["Location"] == "/"


def test_language_switch_refuses_an_unknown_language(client):
    assert client.get("/lang/xx/", {"next": "/"}).status_code == 404
