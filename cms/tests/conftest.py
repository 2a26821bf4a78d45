import pytest

from tests.factories import UnitFactory, make_category, make_site


@pytest.fixture(scope="module")
def seeded_cms(module_db):
    """The cms demo, seeded once per module (see module_db); what a test writes is still undone."""
    from cms.demo import seed_cms

    return seed_cms(password="demo-pass-1405")


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
