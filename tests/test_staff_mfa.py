"""Second factor for staff: enrolment with a real TOTP code, verification, recovery codes, enforcement per prefix."""

import time

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEvent
from tests.factories import UserFactory
from tests.staff_auth_kit import (
    ENROL,
    VERIFY,
    code_for,
    enrolled,
    password_login,
    recovery_codes_from,
    secret_from_enrol_page,
)

pytestmark = [pytest.mark.django_db, pytest.mark.security]

PROTECTED = ["/workflow/", "/counter/", f"/{settings.DESK_CMS_ADMIN_PREFIX}", f"/{settings.DESK_DJANGO_ADMIN_PREFIX}"]


@pytest.fixture
def officer():
    return UserFactory(username="officer", staff=True, superuser=True)


def _verified_in(client) -> bool:
    return "otp_device_id" in client.session


@pytest.mark.parametrize("path", PROTECTED)
def test_password_alone_does_not_open_a_protected_prefix(client, officer, security_tally, path):
    enrolled(officer)
    assert password_login(client, "officer").status_code == 302
    response = client.get(path)
    security_tally.attempt("authentication", refused=response.status_code == 302 and VERIFY in response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


@pytest.mark.parametrize("path", PROTECTED)
def test_an_account_without_an_authenticator_is_sent_to_enrol(client, officer, security_tally, path):
    password_login(client, "officer")
    response = client.get(path)
    security_tally.attempt("authentication", refused=response.status_code == 302 and ENROL in response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


@pytest.mark.parametrize("path", PROTECTED)
def test_after_the_right_code_the_prefix_opens(client, officer, security_tally, path):
    device = enrolled(officer)
    password_login(client, "officer")
    response = client.post(VERIFY, {"otp_token": code_for(device.bin_key), "next": path}, REMOTE_ADDR="127.0.0.7")
    assert response.status_code == 302 and response["Location"] == path
    opened = client.get(path)
    security_tally.attempt("authentication", refused=False, expected=True)
    assert not (opened.status_code == 302 and "/accounts/mfa/" in opened["Location"])


def test_a_wrong_code_is_refused_and_audited_with_the_address(client, officer, security_tally):
    device = enrolled(officer)
    password_login(client, "officer", ip="127.0.0.8")
    right = code_for(device.bin_key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"otp_token": wrong, "next": "/workflow/"}, REMOTE_ADDR="127.0.0.8")
    security_tally.attempt("authentication", refused=response.status_code == 400 and not _verified_in(client))
    assert response.status_code == 400 and not _verified_in(client)
    assert client.get("/workflow/")["Location"].startswith(VERIFY)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_FAILED)
    assert event.ip_address == "127.0.0.8" and event.actor == officer


def test_a_code_is_not_accepted_twice(client, officer, security_tally):
    device = enrolled(officer)
    password_login(client, "officer")
    code = code_for(device.bin_key)
    assert client.post(VERIFY, {"otp_token": code}).status_code == 302
    client.post("/accounts/logout/")
    password_login(client, "officer")
    replay = client.post(VERIFY, {"otp_token": code})
    security_tally.attempt("authentication", refused=replay.status_code == 400)
    assert replay.status_code == 400 and not _verified_in(client)


def test_verification_cycles_the_session_key_and_is_audited(client, officer):
    device = enrolled(officer)
    password_login(client, "officer", ip="127.0.0.9")
    before = client.session.session_key
    client.post(VERIFY, {"otp_token": code_for(device.bin_key)}, REMOTE_ADDR="127.0.0.9")
    assert client.session.session_key != before
    assert _verified_in(client)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_VERIFIED)
    assert event.ip_address == "127.0.0.9" and event.details["method"] == "totp"


def test_enrolment_with_a_real_code_confirms_the_device_and_issues_recovery_codes(client, officer):
    password_login(client, "officer", ip="127.0.0.10")
    page = client.get(ENROL + "?next=/workflow/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, with no script
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    key = secret_from_enrol_page(html)

    wrong = client.post(ENROL, {"otp_token": "000000", "next": "/workflow/"}, REMOTE_ADDR="127.0.0.10")
    assert wrong.status_code == 400 and not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    time.sleep(1.1)  # django-otp throttles: after a wrong code the next is checked only after a second

    done = client.post(ENROL, {"otp_token": code_for(key), "next": "/workflow/"}, REMOTE_ADDR="127.0.0.10")
    assert done.status_code == 200
    codes = recovery_codes_from(done.content.decode())
    assert len(codes) == settings.DESK_MFA_RECOVERY_CODES
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert _verified_in(client)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_ENROLLED)
    assert event.ip_address == "127.0.0.10" and event.actor == officer
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.MFA_FAILED, details__step="enrol").count() == 1


def test_enrolment_page_cannot_replace_an_existing_authenticator(client, officer):
    enrolled(officer)
    password_login(client, "officer")
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_a_recovery_code_works_once(client, officer, security_tally):
    password_login(client, "officer")
    key = secret_from_enrol_page(client.get(ENROL).content.decode())
    codes = recovery_codes_from(client.post(ENROL, {"otp_token": code_for(key)}).content.decode())
    client.post("/accounts/logout/")

    password_login(client, "officer")
    used = client.post(VERIFY, {"otp_token": codes[0].upper()})
    assert used.status_code == 302 and _verified_in(client)
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_VERIFIED).details["method"] == "recovery_code"
    client.post("/accounts/logout/")

    password_login(client, "officer")
    again = client.post(VERIFY, {"otp_token": codes[0]})
    security_tally.attempt("authentication", refused=again.status_code == 400)
    assert again.status_code == 400 and not _verified_in(client)
    assert StaticToken.objects.filter(device__user=officer).count() == settings.DESK_MFA_RECOVERY_CODES - 1


def test_persian_digits_are_accepted(client, officer):
    device = enrolled(officer)
    password_login(client, "officer")
    persian = code_for(device.bin_key).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert client.post(VERIFY, {"otp_token": persian}).status_code == 302


def test_an_unsafe_next_is_ignored(client, officer):
    device = enrolled(officer)
    password_login(client, "officer")
    response = client.post(VERIFY, {"otp_token": code_for(device.bin_key), "next": "https://evil.example/"})
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


def test_grace_period_lets_a_new_account_work_before_enrolling(client, settings, officer):
    settings.DESK_MFA_ENROLMENT_GRACE_DAYS = 7
    password_login(client, "officer")
    response = client.get("/workflow/")
    assert not (response.status_code == 302 and "/accounts/mfa/" in response["Location"])


def test_grace_period_is_over_for_an_old_account(client, settings, officer, security_tally):
    settings.DESK_MFA_ENROLMENT_GRACE_DAYS = 7
    officer.date_joined = timezone.now() - timezone.timedelta(days=8)
    officer.save()
    password_login(client, "officer")
    response = client.get("/workflow/")
    security_tally.attempt("authentication", refused=response.status_code == 302)
    assert response["Location"].startswith(ENROL)


def test_grace_counts_from_the_day_mfa_was_required(client, settings, officer):
    settings.DESK_MFA_ENROLMENT_GRACE_DAYS = 7
    settings.DESK_MFA_REQUIRED_FROM = (timezone.now() - timezone.timedelta(days=2)).date().isoformat()
    officer.date_joined = timezone.now() - timezone.timedelta(days=400)
    officer.save()
    password_login(client, "officer")
    response = client.get("/workflow/")
    assert not (response.status_code == 302 and "/accounts/mfa/" in response["Location"])


def test_an_enrolled_account_must_verify_even_during_grace(client, settings, officer):
    settings.DESK_MFA_ENROLMENT_GRACE_DAYS = 7
    enrolled(officer)
    password_login(client, "officer")
    assert client.get("/workflow/")["Location"].startswith(VERIFY)


def test_public_pages_do_not_ask_for_the_second_factor(client, officer):
    password_login(client, "officer")
    response = client.get("/track/")
    assert not (response.status_code == 302 and "/accounts/mfa/" in response.get("Location", ""))


def test_totp_codes_follow_rfc_6238():
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) -> the last six.
    assert code_for(b"12345678901234567890", at=59) == "287082"
