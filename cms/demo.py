"""Demo content from fixtures/demo/: staff, units, memberships, the document catalogue, categories, guides.

Everything there is synthetic. Whatever is missing is created as an editor would create it:
snippets get a django-reversion version, pages real Wagtail revisions (saved by the fixture's
author, published by its publisher). Running it twice creates nothing new and changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.search.index import insert_or_update_object

from cms.history import record_version
from cms.models import (
    HomePage,
    OrganizationalUnit,
    RequiredDocument,
    ServiceCategoryPage,
    ServiceGuidePage,
    UnitMembership,
)
from cms.reference import bootstrap
from core import fixtures

VERSIONED_TABLES = ("demo/catalogue.yaml", "demo/units.yaml", "demo/memberships.yaml")


def demo_usernames() -> list[str]:
    """The demo accounts, in the order seed_demo prints them."""
    return [row["username"] for row in fixtures.read("demo/users.yaml")["rows"]]


def _publish(page, author, publisher) -> None:
    page.save_revision(user=author, log_action=True).publish(user=publisher)


def _ensure_guides(spec: dict, home: HomePage) -> int:
    """Categories under the home page and their guides; returns how many guides were created."""
    users = get_user_model().objects
    author, publisher = users.get(**spec["author"]), users.get(**spec["publisher"])
    created = 0
    for row in spec["categories"]:
        category = ServiceCategoryPage.objects.child_of(home).filter(slug=row["slug"]).first()
        if category is None:
            fields = {name: value for name, value in row.items() if name != "guides"}
            category = home.add_child(instance=ServiceCategoryPage(live=False, **fields))
            _publish(category, author, publisher)
        for guide_row in row["guides"]:
            if ServiceGuidePage.objects.filter(service_code=guide_row["service_code"]).exists():
                continue
            fields = {name: value for name, value in guide_row.items() if name != "later_revisions"}
            guide = fixtures.build(ServiceGuidePage, {"slug": guide_row["service_code"], "live": False, **fields})
            guide.clean()
            guide.validate_children()
            category.add_child(instance=guide)
            _publish(guide, author, publisher)
            for changes in guide_row.get("later_revisions", []):
                guide = ServiceGuidePage.objects.get(pk=guide.pk)
                for name, value in changes.items():
                    setattr(guide, name, value)
                _publish(guide, author, publisher)
            # Index now, so search works before the background worker has run its queued index tasks.
            insert_or_update_object(ServiceGuidePage.objects.get(pk=guide.pk))
            created += 1
    return created


def _enrol_demo_authenticators() -> None:
    """Demo staff pass the second factor with the published demo key (settings.DESK_DEMO_TOTP_KEY)."""
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for user in get_user_model().objects.filter(username__in=demo_usernames()):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=user, name="demo authenticator", key=settings.DESK_DEMO_TOTP_KEY, confirmed=True
            )


@transaction.atomic
def load_demo(password: str) -> dict:
    """Create what is missing of the demo content (the reference data must exist); return counts."""

    def set_password(user) -> None:
        user.set_password(password)
        user.save(update_fields=["password"])

    fixtures.ensure_rows(fixtures.read("demo/users.yaml"), on_create=set_password)
    _enrol_demo_authenticators()
    for name in VERSIONED_TABLES:
        fixtures.ensure_rows(fixtures.read(name), on_create=lambda obj: record_version(obj, comment="Demo data"))
    new_guides = _ensure_guides(fixtures.read("demo/services.yaml"), HomePage.objects.get())
    return {
        "users": get_user_model().objects.filter(username__in=demo_usernames()).count(),
        "units": OrganizationalUnit.objects.count(),
        "memberships": UnitMembership.objects.count(),
        "catalogue documents": RequiredDocument.objects.count(),
        "categories": ServiceCategoryPage.objects.count(),
        "guides": ServiceGuidePage.objects.count(),
        "guides created": new_guides,
    }


@transaction.atomic
def seed_cms(password: str) -> dict:
    """The whole demo site: reference data (manage.py bootstrap), then the demo content."""
    bootstrap()
    return load_demo(password)
