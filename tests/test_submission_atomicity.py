"""A crash between storing the files and committing leaves nothing behind (no rows, no files).

The crash is real: a database trigger makes the timeline insert fail, which
workflows.services.submit_request performs after it has written the files to storage.
"""

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from citizen_portal.tests.files import pdf_file, png_file
from citizen_portal.tests.helpers import stored_request_files
from tests.db_faults import install_insert_failure, remove_insert_failure
from tests.factories import applicant_post, staffed_guide
from workflows.models import Applicant, RequestDocument, ServiceRequest, TimelineEntry

TABLE = TimelineEntry._meta.db_table


def _install_crash_trigger() -> None:
    install_insert_failure(TABLE, "desk_inject_crash", "injected crash")


def _remove_crash_trigger() -> None:
    remove_insert_failure(TABLE, "desk_inject_crash")


@pytest.fixture
def crash_on_timeline_insert():
    _install_crash_trigger()
    yield
    _remove_crash_trigger()


def _assert_nothing_left(files_before: list[str]) -> None:
    assert ServiceRequest.objects.count() == 0
    assert Applicant.objects.count() == 0
    assert RequestDocument.objects.count() == 0
    assert stored_request_files() == files_before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_crash_after_files_are_stored_rolls_back_rows_and_deletes_files(crash_on_timeline_insert):
    guide = staffed_guide()
    client = Client(raise_request_exception=True)
    files = {"document_national-card": pdf_file(), "document_ownership-deed": png_file()}
    before = stored_request_files()
    with pytest.raises(DatabaseError, match="injected crash"):
        client.post(reverse("citizen_portal:apply", args=[guide.service_code]), {**applicant_post(), **files})
    _assert_nothing_left(before)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_crash_during_api_submission_leaves_nothing(crash_on_timeline_insert):
    guide = staffed_guide()
    client = Client(raise_request_exception=True)
    body = {**applicant_post(), "consent": "true", "service": guide.service_code}
    before = stored_request_files()
    with pytest.raises(DatabaseError, match="injected crash"):
        client.post("/api/v1/requests/", {**body, "national-card": pdf_file(), "ownership-deed": png_file()})
    _assert_nothing_left(before)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_submission_succeeds_once_the_fault_is_gone():
    guide = staffed_guide()
    _install_crash_trigger()
    client = Client(raise_request_exception=False)
    files = {"document_national-card": pdf_file(), "document_ownership-deed": png_file()}
    before = stored_request_files()
    assert (
        client.post(
            reverse("citizen_portal:apply", args=[guide.service_code]), {**applicant_post(), **files}
        ).status_code
        == 500
    )
    assert stored_request_files() == before
    _remove_crash_trigger()
    files = {"document_national-card": pdf_file(), "document_ownership-deed": png_file()}
    assert (
        client.post(
            reverse("citizen_portal:apply", args=[guide.service_code]), {**applicant_post(), **files}
        ).status_code
        == 302
    )
    assert len(set(stored_request_files()) - set(before)) == 2
