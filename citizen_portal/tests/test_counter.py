"""Counter registration by desk clerks: walk-in and paper-letter requests."""

import datetime as dt

import pytest
from django.urls import reverse

from cms.enums import Channel, Role
from tests.factories import UnitFactory, UserFactory, applicant_post, member, staffed_guide
from workflows.models import ServiceRequest

from .files import pdf_file, png_file


@pytest.fixture
def clerk(db):
    return member(
        UnitFactory(code="front-desk-test"), Role.CLERK, username="desk-clerk", first_name="زهرا", last_name="پیشخوان"
    )


def _url(guide):
    return reverse("citizen_portal:counter_register", args=[guide.service_code])


def _scans():
    return {"document_national-card": pdf_file("scan1.pdf"), "document_ownership-deed": png_file("scan2.png")}


def test_anonymous_user_is_sent_to_login(client, guide):
    response = client.get(_url(guide))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_logged_in_non_clerk_is_refused(client, guide):
    client.force_login(UserFactory(username="not-a-clerk"))
    assert client.get(_url(guide)).status_code == 403


def test_clerk_registers_walk_in_request_with_scans(client, guide, clerk):
    client.force_login(clerk)
    response = client.post(_url(guide), {**applicant_post(), **_scans(), "channel": "counter"})
    assert response.status_code == 302
    sr = ServiceRequest.objects.get()
    assert (sr.channel, sr.registered_by) == ("counter", clerk)
    assert sr.documents.count() == 2


def test_clerk_can_open_and_print_the_receipt(client, guide, clerk):
    client.force_login(clerk)
    response = client.post(_url(guide), {**applicant_post(), **_scans(), "channel": "counter"})
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "data-print" in receipt.content.decode()  # the print button (static/js/site.js; no inline handler)


def test_paper_letter_needs_number_and_date(client, guide, clerk):
    client.force_login(clerk)
    response = client.post(_url(guide), {**applicant_post(), **_scans(), "channel": "paper"})
    assert response.status_code == 400
    assert {"letter_number", "letter_date"} <= set(response.context["form"].errors)
    assert ServiceRequest.objects.count() == 0


def test_paper_letter_date_in_persian_digits_is_stored_as_gregorian(client, guide, clerk):
    client.force_login(clerk)
    data = {
        **applicant_post(),
        **_scans(),
        "channel": "paper",
        "letter_number": "۱۲۳/ص/۴۵",
        "letter_date": "۱۴۰۴/۰۹/۰۷",
    }
    assert client.post(_url(guide), data).status_code == 302
    sr = ServiceRequest.objects.get()
    assert sr.letter_date == dt.date(2025, 11, 28)
    assert sr.letter_number == "123/ص/45"


def test_future_letter_date_is_refused(client, guide, clerk):
    client.force_login(clerk)
    data = {**applicant_post(), **_scans(), "channel": "paper", "letter_number": "1", "letter_date": "1499/01/01"}
    assert client.post(_url(guide), data).status_code == 400


def test_counter_accepts_services_that_are_in_person_only(client, clerk):
    guide = staffed_guide(channels=Channel.IN_PERSON)
    client.force_login(clerk)
    assert client.post(_url(guide), {**applicant_post(), **_scans(), "channel": "counter"}).status_code == 302


def test_register_permission_also_grants_the_counter(client, guide):
    from django.contrib.auth.models import Permission

    user = UserFactory(username="perm-clerk")
    user.user_permissions.add(Permission.objects.get(codename="register_request", content_type__app_label="workflows"))
    client.force_login(user)
    assert client.get(_url(guide)).status_code == 200
