import pytest


@pytest.fixture(autouse=True)
def _fa(settings):
    settings.LANGUAGE_CODE = "fa"


@pytest.fixture(autouse=True, scope="session")
def _urlconf_loaded():
    """Viewflow links nodes to their URL namespaces when the URLconf is first loaded."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns
