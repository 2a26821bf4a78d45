"""Tracking a request: look-up, lockout, status page, and uploading requested documents."""

from django.test import Client
from django.urls import reverse

from citizen_portal.access import grant
from tests.factories import applicant_post, officer_of
from workflows.enums import IntakeResult, RequestStatus
from workflows.tracking import format_tracking_code

from . import workflow_driver as drive
from .files import pdf_file
from .helpers import apply_online

TRACK = "/track/"


def _national_id():
    return applicant_post()["national_id"]


def test_track_url_is_named():
    assert reverse("citizen_portal:track") == TRACK


def test_right_code_and_national_id_open_the_status_page(client, guide):
    sr = apply_online(client, guide)
    citizen = Client()
    response = citizen.post(
        TRACK, {"tracking_code": format_tracking_code(sr.tracking_code), "national_id": _national_id()}
    )
    assert response.status_code == 302
    assert citizen.get(response["Location"]).status_code == 200


def test_persian_digits_are_accepted_in_the_look_up(client, guide):
    from core.persian import to_persian_digits

    sr = apply_online(client, guide)
    response = Client().post(
        TRACK, {"tracking_code": to_persian_digits(sr.tracking_code), "national_id": to_persian_digits(_national_id())}
    )
    assert response.status_code == 302


def test_wrong_national_id_and_wrong_code_get_the_same_generic_error(client, guide):
    sr = apply_online(client, guide)
    wrong_id = Client().post(TRACK, {"tracking_code": sr.tracking_code, "national_id": "0000000001"})
    wrong_code = Client().post(TRACK, {"tracking_code": "12345678901234", "national_id": _national_id()})
    assert wrong_id.status_code == wrong_code.status_code == 400
    assert wrong_id.context["error"] == wrong_code.context["error"]


def test_status_page_needs_the_look_up_first(client, guide):
    sr = apply_online(client, guide)
    assert Client().get(reverse("citizen_portal:status", args=[sr.tracking_code])).status_code == 403


def test_lockout_per_ip_after_repeated_failures(client, guide, settings):
    settings.PORTAL_TRACK_MAX_FAILURES = 3
    settings.PORTAL_TRACK_MAX_FAILURES_PER_IP = 3
    sr = apply_online(client, guide)
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(3):
        attacker.post(TRACK, {"tracking_code": "12345678901234", "national_id": "0000000001"})
    locked = attacker.post(TRACK, {"tracking_code": sr.tracking_code, "national_id": _national_id()})
    assert locked.status_code == 429
    other_ip = Client(REMOTE_ADDR="10.0.0.10").post(
        TRACK, {"tracking_code": sr.tracking_code, "national_id": _national_id()}
    )
    assert other_ip.status_code == 302


def test_failures_on_a_code_from_many_ips_do_not_lock_its_owner_out(client, guide, settings):
    # Used to assert 429 for the owner: anyone knowing a tracking code could keep its citizen locked out.
    settings.PORTAL_TRACK_MAX_FAILURES = 3
    sr = apply_online(client, guide)
    for n in range(3):
        Client(REMOTE_ADDR=f"10.0.1.{n}").post(TRACK, {"tracking_code": sr.tracking_code, "national_id": "0000000001"})
    owner = Client(REMOTE_ADDR="10.0.2.1").post(
        TRACK, {"tracking_code": sr.tracking_code, "national_id": _national_id()}
    )
    assert owner.status_code == 302


def test_lockout_expires(client, guide, settings):
    from django.core.cache import cache

    settings.PORTAL_TRACK_MAX_FAILURES = 1
    sr = apply_online(client, guide)
    Client().post(TRACK, {"tracking_code": sr.tracking_code, "national_id": "0000000001"})
    assert Client().post(TRACK, {"tracking_code": sr.tracking_code, "national_id": _national_id()}).status_code == 429
    cache.clear()  # what the lockout timeout does after PORTAL_TRACK_LOCKOUT_MINUTES
    assert Client().post(TRACK, {"tracking_code": sr.tracking_code, "national_id": _national_id()}).status_code == 302


def _status_html(client, sr) -> str:
    return client.get(reverse("citizen_portal:status", args=[sr.tracking_code])).content.decode()


def test_status_shows_unit_and_named_officer(client, guide):
    sr = apply_online(client, guide)
    sr = drive.intake(sr)
    officer = officer_of(sr.current_unit)
    drive.claim(sr, drive.RequestFlow.review, officer)
    html = _status_html(client, sr)
    assert sr.current_unit.name in html
    assert officer.get_full_name() in html


def test_status_shows_the_stages_still_ahead(client, guide):
    sr = apply_online(client, guide)
    sr = drive.intake(sr)
    html = _status_html(client, sr)
    assert sr.routing_snapshot[1]["title"] in html
    assert sr.routing_snapshot[1]["unit_name"] in html


def test_requested_documents_get_an_upload_form_that_resumes_the_flow(client, guide):
    sr = apply_online(client, guide)
    sr = drive.intake(sr, result=IntakeResult.DOCUMENTS, keys=["ownership-deed"])
    assert sr.status == RequestStatus.AWAITING_CITIZEN
    page = client.get(reverse("citizen_portal:status", args=[sr.tracking_code]))
    assert list(page.context["documents_form"].fields) == ["document_ownership-deed"]
    response = client.post(
        reverse("citizen_portal:status", args=[sr.tracking_code]), {"document_ownership-deed": pdf_file("deed2.pdf")}
    )
    assert response.status_code == 302
    sr.refresh_from_db()
    assert sr.status == RequestStatus.CHECKING_DOCUMENTS
    assert sr.documents.filter(key="ownership-deed", requested_round=1).exists()


def test_upload_of_a_document_not_asked_for_is_refused(client, guide):
    sr = apply_online(client, guide)
    sr = drive.intake(sr, result=IntakeResult.DOCUMENTS, keys=["ownership-deed"])
    response = client.post(
        reverse("citizen_portal:status", args=[sr.tracking_code]),
        {"document_ownership-deed": pdf_file(), "document_national-card": pdf_file()},
    )
    assert response.status_code == 400
    sr.refresh_from_db()
    assert sr.status == RequestStatus.AWAITING_CITIZEN
    assert sr.documents.filter(requested_round=1).count() == 0


def test_session_grant_is_per_tracking_code(client, guide, rf):
    sr = apply_online(client, guide)
    other = Client()
    session = other.session
    session["portal_access"] = {}
    session.save()
    request = rf.get("/")
    request.session = other.session
    grant(request, "00000000000000")
    assert not request.session["portal_access"].get(sr.tracking_code)
