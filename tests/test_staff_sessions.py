"""Staff sessions: idle timeout, absolute lifetime, sign-in and sign-out audited, password length."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from core.staff_auth.session import LAST_SEEN_AT, SIGNED_IN_AT
from tests.factories import PASSWORD, UserFactory
from tests.staff_auth_kit import code_for, enrolled, password_login

pytestmark = [pytest.mark.django_db, pytest.mark.security]


@pytest.fixture
def signed_in(client):
    """A client through password and TOTP, as an officer would be."""
    user = UserFactory(username="officer", staff=True, superuser=True)
    device = enrolled(user)
    password_login(client, "officer", ip="127.0.0.11")
    client.post("/accounts/mfa/verify/", {"otp_token": code_for(device.bin_key)}, REMOTE_ADDR="127.0.0.11")
    assert "otp_device_id" in client.session
    return user


def _age(client, key: str, seconds: int) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def test_idle_session_is_signed_out_and_audited(client, signed_in, security_tally):
    assert "_auth_user_id" in client.session
    _age(client, LAST_SEEN_AT, settings.DESK_STAFF_SESSION_IDLE_MINUTES * 60 + 1)
    response = client.get("/counter/", REMOTE_ADDR="127.0.0.11")
    security_tally.attempt("authentication", refused="_auth_user_id" not in client.session)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT).latest("pk")
    assert event.details["reason"] == "idle" and event.ip_address == "127.0.0.11"


def test_activity_keeps_the_session(client, signed_in):
    _age(client, LAST_SEEN_AT, settings.DESK_STAFF_SESSION_IDLE_MINUTES * 60 - 120)
    client.get("/workflow/")
    assert "_auth_user_id" in client.session


def test_session_ends_at_its_absolute_lifetime_even_when_active(client, signed_in, security_tally):
    _age(client, SIGNED_IN_AT, settings.DESK_STAFF_SESSION_MAX_HOURS * 3600 + 1)
    client.get("/workflow/")
    security_tally.attempt("authentication", refused="_auth_user_id" not in client.session)
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, details__reason="lifetime").exists()


def test_the_session_cookie_does_not_outlive_the_absolute_lifetime():
    assert settings.SESSION_COOKIE_AGE <= settings.DESK_STAFF_SESSION_MAX_HOURS * 3600
    assert settings.DESK_STAFF_SESSION_IDLE_MINUTES == 30


def test_sign_in_and_sign_out_are_audited_with_the_address(client):
    user = UserFactory(username="officer")
    password_login(client, "officer", ip="127.0.0.12")
    login = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN)
    assert login.actor == user and login.ip_address == "127.0.0.12"
    client.post("/accounts/logout/", REMOTE_ADDR="127.0.0.12")
    logout = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGOUT)
    assert logout.actor == user and logout.ip_address == "127.0.0.12" and logout.details["reason"] == "user"


def test_sign_in_through_a_trusted_proxy_records_the_client_address(client, settings):
    settings.DESK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    UserFactory(username="officer")
    password_login(client, "officer", ip="10.1.2.3", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN).ip_address == "203.0.113.50"


def test_short_passwords_are_refused_and_the_demo_and_test_passwords_pass():
    with pytest.raises(ValidationError):
        validate_password("short-pw-1")
    validate_password(PASSWORD)
    validate_password(settings.DESK_DEMO_PASSWORD)
