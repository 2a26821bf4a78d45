import pytest

from .factories import UnitFactory, make_category, make_site


@pytest.fixture(autouse=True)
def _fa(settings):
    settings.LANGUAGE_CODE = "fa"


@pytest.fixture
def home(db):
    return make_site()


@pytest.fixture
def category(home):
    return make_category(home)


@pytest.fixture
def unit(db):
    return UnitFactory()
