"""Brute force against the three staff sign-in forms: locked per username and per client address (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command

from core.models import AuditEvent
from tests.factories import UserFactory
from tests.staff_auth_kit import LOGIN, password_login

pytestmark = [pytest.mark.django_db, pytest.mark.security]

FORMS = {
    "workflow": LOGIN,
    "cms-admin": f"/{settings.DESK_CMS_ADMIN_PREFIX}login/",
    "django-admin": f"/{settings.DESK_DJANGO_ADMIN_PREFIX}login/",
}


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _hammer(client, tally, url, username, *, ips, until_locked=True) -> int:
    """Wrong passwords (from the given addresses in turn) until the form answers 429; returns how many."""
    for attempt, ip in enumerate(ips, start=1):
        response = password_login(client, username, "wrong-password-1405", url=url, ip=ip)
        tally.attempt("authentication", refused=not _signed_in(client))
        if response.status_code == 429:
            return attempt
    return len(ips)


@pytest.mark.parametrize("form", FORMS)
def test_username_is_locked_after_the_limit_even_from_changing_addresses(client, security_tally, form):
    UserFactory(username="target", staff=True, superuser=True)
    ips = [f"127.0.1.{n}" for n in range(1, 40)]
    attempts = _hammer(client, security_tally, FORMS[form], "target", ips=ips)
    assert attempts == settings.AXES_FAILURE_LIMIT

    # The right password, from a fresh address, is refused while the username is locked.
    response = password_login(client, "target", url=FORMS[form], ip="127.0.2.1")
    security_tally.attempt("authentication", refused=response.status_code == 429 and not _signed_in(client))
    assert response.status_code == 429
    assert not _signed_in(client)
    assert "قفل" in response.content.decode()  # the Persian lockout page


@pytest.mark.parametrize("form", FORMS)
def test_address_is_locked_after_its_limit_for_every_username(client, security_tally, form):
    UserFactory(username="bystander", staff=True, superuser=True)
    names = [f"guess{n}" for n in range(settings.DESK_LOCKOUT_IP_LIMIT + 5)]
    attempts = 0
    for name in names:  # one try per name: no username reaches its own limit
        attempts += 1
        response = password_login(client, name, "wrong-password-1405", url=FORMS[form], ip="127.0.0.3")
        security_tally.attempt("authentication", refused=not _signed_in(client))
        if response.status_code == 429:
            break
    assert attempts == settings.DESK_LOCKOUT_IP_LIMIT

    locked = password_login(client, "bystander", url=FORMS[form], ip="127.0.0.3")
    security_tally.attempt("authentication", refused=locked.status_code == 429)
    assert locked.status_code == 429 and not _signed_in(client)

    # Another address is not affected.
    other = password_login(client, "bystander", url=FORMS[form], ip="127.0.0.2")
    security_tally.attempt("authentication", refused=False, expected=True)
    assert other.status_code == 302 and _signed_in(client)


def test_addresses_behind_a_trusted_proxy_are_counted_per_client(client, settings, security_tally):
    settings.DESK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    UserFactory(username="bystander")
    for n in range(settings.DESK_LOCKOUT_IP_LIMIT):
        password_login(client, f"guess{n}", "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
        security_tally.attempt("authentication", refused=not _signed_in(client))
    locked = password_login(client, "bystander", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    security_tally.attempt("authentication", refused=locked.status_code == 429)
    assert locked.status_code == 429
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()
    assert not AccessAttempt.objects.filter(ip_address="10.0.0.1").exists()

    # Another client behind the same proxy signs in.
    fine = password_login(client, "bystander", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert fine.status_code == 302 and _signed_in(client)


def test_a_forged_forwarded_for_from_an_untrusted_peer_does_not_escape_the_address_lock(client, security_tally):
    UserFactory(username="bystander")
    for n in range(settings.DESK_LOCKOUT_IP_LIMIT):
        password_login(client, f"guess{n}", "wrong", ip="127.0.0.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        security_tally.attempt("authentication", refused=not _signed_in(client))
    locked = password_login(client, "bystander", ip="127.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.200")
    security_tally.attempt("authentication", refused=locked.status_code == 429)
    assert locked.status_code == 429


def test_failed_sign_ins_and_the_lockout_are_audited_with_the_client_address(client):
    user = UserFactory(username="target")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_login(client, "target", "wrong-password-1405", ip="127.0.0.4")
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert failed.count() == settings.AXES_FAILURE_LIMIT
    assert set(failed.values_list("ip_address", flat=True)) == {"127.0.0.4"}
    assert set(failed.values_list("object_id", flat=True)) == {str(user.pk)}
    lockout = AuditEvent.objects.get(kind=AuditEvent.Kind.LOCKOUT)
    assert lockout.ip_address == "127.0.0.4" and lockout.object_id == str(user.pk)
    # An attempted name that is no account is never stored (it may be a mistyped password).
    password_login(client, "s3cret-typed-in-the-wrong-box", "x", ip="127.0.0.5")
    assert "s3cret" not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_an_administrator_unlocks_a_username_with_axes_reset_username(client):
    UserFactory(username="target")
    for n in range(settings.AXES_FAILURE_LIMIT):
        password_login(client, "target", "wrong-password-1405", ip=f"127.0.3.{n}")
    assert password_login(client, "target", ip="127.0.4.1").status_code == 429

    call_command("axes_reset_username", "target", verbosity=0)

    assert password_login(client, "target", ip="127.0.4.1").status_code == 302
    assert _signed_in(client)


def test_the_cool_off_ends_the_lock(client, settings):
    import datetime as dt

    UserFactory(username="target")
    for n in range(settings.AXES_FAILURE_LIMIT):
        password_login(client, "target", "wrong-password-1405", ip=f"127.0.5.{n}")
    assert password_login(client, "target", ip="127.0.6.1").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    assert password_login(client, "target", ip="127.0.6.1").status_code == 302
